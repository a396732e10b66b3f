var config = {
  format: {
    indent: 2,
    style: { quotes: "double" }
  },
  run() {}
};
