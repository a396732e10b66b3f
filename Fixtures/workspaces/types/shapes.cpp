struct Node { virtual ~Node(); };
struct Branch : public Node {};
class Root final : Branch {};
