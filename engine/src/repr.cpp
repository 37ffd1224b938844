#include "loopscope/repr.hpp"

#include "loopscope/errors.hpp"

namespace loopscope {

std::string float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    // {fmt}'s shortest round-trip text is Python's repr, except that Python keeps ".0" on whole numbers.
    std::string s = fmt::format("{}", v);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string cut_trace_text(std::string s, std::size_t limit) {
    if (s.size() <= limit) return s;
    std::size_t keep = limit > 3 ? limit - 3 : 0;
    while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;  // not inside a UTF-8 character
    s.resize(keep);
    return s + "...";
}

std::string string_repr(std::string_view s) {
    char quote = (s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos) ? '"' : '\'';
    std::string out(1, quote);
    for (char c : s) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c == quote) out += '\\';
                out += c;
        }
    }
    return out + quote;
}

std::string exception_type(const std::exception_ptr& e) {
    if (!e) return "None";
    try {
        std::rethrow_exception(e);
    } catch (const python_error& x) {
        return x.type_name;
    } catch (const cancelled_error&) {
        return "CancelledError";
    } catch (const timeout_error&) {
        return "TimeoutError";
    } catch (const invalid_state_error&) {
        return "InvalidStateError";
    } catch (const queue_empty&) {
        return "QueueEmpty";
    } catch (const queue_full&) {
        return "QueueFull";
    } catch (const std::exception&) {
        return "Exception";
    } catch (...) {
        return "BaseException";
    }
}

std::string exception_str(const std::exception_ptr& e) {
    if (!e) return "None";
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "";
    }
}

std::string exception_repr(const std::exception_ptr& e) {
    if (!e) return "None";
    std::string msg = exception_str(e);
    bool explicit_argument = false;
    try {
        std::rethrow_exception(e);
    } catch (const cancelled_error& c) {
        explicit_argument = c.explicit_argument;
    } catch (...) {
    }
    return exception_type(e) + "(" + (msg.empty() && !explicit_argument ? std::string() : string_repr(msg)) + ")";
}

}  // namespace loopscope
