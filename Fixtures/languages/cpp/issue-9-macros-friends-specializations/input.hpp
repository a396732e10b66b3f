// Attribute macros on their own lines, a macro as an access label, hidden friends, explicit specializations.
class basic_json
{
  public:
    JSON_HEDLEY_WARN_UNUSED_RESULT
    JSON_HEDLEY_DEPRECATED_FOR(3.8.0, from_cbor(ptr, ptr + len))
    static basic_json from_cbor(const char* ptr, int len);

    JSON_HEDLEY_NON_NULL(3)
    basic_json(int id_, const char* what_arg) {}

    friend bool operator==(const basic_json& lhs, const basic_json& rhs) noexcept
    {
        return true;
    }
    friend class iter_impl;

  JSON_PRIVATE_UNLESS_TESTED:
    union json_value
    {
        int* object;
    };
};

template<> EIGEN_STRONG_INLINE int predux_min<Packet4i>(const Packet4i& a)
{
    return 0;
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
    return 0;
}
