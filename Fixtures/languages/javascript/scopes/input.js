'use strict';
const lib = require('./lib');
const { parse } = require('./lib');
var total = 0;

function run(items) {
  for (var i = 0; i < items.length; i++) {
    total += lib.count(items[i]);
  }
  if (total) {
    let total = parse(i);
    return total;
  }
  return helper();
}

function helper() {
  return total;
}

const api = {
  run,
  start: function () {
    return this.run([]);
  },
};
api.start();
module.exports = { run, api };
