jQuery.event.special = {
  load: { noBubble: true },
  trigger: function () { function inner() {} }
};
A.prototype = {
  run() { function deep() {} }
};
class K {
  m() { function nestedInMethod() {} }
}
module.exports = {
  exported() {},
  shorthand,
};
