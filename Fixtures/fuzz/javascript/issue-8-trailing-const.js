x = 1;
const