// Definitions inside blocks and expressions, as ctags and Babel's parser find them.
if (typeof window !== 'undefined') {
  window.thing = function () {};
  var inIf = 1;
} else {
  other = function () {};
}
{
  var inBlock = { a: 1 };
}
let Adder$1 = class Adder {
  add(x) { return x; }
};
exports.wrap = wrap, exports.mark = function (genFun) {};
function Context() {
  return this.delegate = { iterator: 1 };
}
const plugins = ({ a, b }) => {
  const options = { method: 1 };
};
var Sub = function VueComponent(options) {};
var config = ({
  silent: false,
});
let delimiters
let transforms
function factory() {
  var Sizzle = (function (w) {
    var local = 1;
    function find() {}
  })(w);
}
class InternMap extends Map {
  constructor(entries, key = {}) {
    super();
  }
  get(key) { return 1; }
}
