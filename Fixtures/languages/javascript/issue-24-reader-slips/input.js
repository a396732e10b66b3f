var
  SCOPE_TOP = 1,
  SCOPE_FUNCTION = 2;
process = { on: function (evt, cb) { return 1; } };
cache = {};
function parse() {
  var S = { read_template: with_eof_error("msg", function (strings) { function read() { return 1; } return read; }) };
  return S;
}
var baseCreate = function(){ return 1; }();
var plain = function () { return 2; };
var viaCall = function () { return 3; }.call(this);
exports.made = function () { return 4; }();
