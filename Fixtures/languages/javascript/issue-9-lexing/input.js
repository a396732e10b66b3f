function $() {}
var $x = 1;
class Jq$ {
  $method() {}
}
const a$b = () => 1;
