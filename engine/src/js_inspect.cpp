// Node 20's util.inspect / util.format, for the values JS scenarios print (see js/inspect.hpp).
#include "loopscope/js/inspect.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace loopscope::js {
namespace {

// Characters, as Node counts them (UTF-16 units; code points are close enough for scenario text).
std::size_t width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string spaces(int n) { return std::string(static_cast<std::size_t>(std::max(n, 0)), ' '); }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += sep;
        s += v[i];
    }
    return s;
}

bool is_below_break_length(const inspect_context& ctx, const std::vector<std::string>& output, std::size_t start) {
    std::size_t total = output.size() + start;
    if (total + output.size() > static_cast<std::size_t>(ctx.break_length)) return false;
    for (const auto& o : output) {
        total += width(o);
        if (total > static_cast<std::size_t>(ctx.break_length)) return false;
    }
    return true;
}

double js_round(double x) { return std::floor(x + 0.5); }  // Math.round: halves go up

std::vector<std::string> group_array_elements(const inspect_context& ctx, const std::vector<std::string>& output,
                                              bool all_numbers, bool has_more_items) {
    std::size_t total_length = 0, max_length = 0;
    std::size_t output_length = output.size() - (has_more_items ? 1 : 0);
    constexpr std::size_t separator_space = 2;  // ", "
    std::vector<std::size_t> data_len(output_length);
    for (std::size_t i = 0; i < output_length; ++i) {
        std::size_t len = width(output[i]);
        data_len[i] = len;
        total_length += len + separator_space;
        max_length = std::max(max_length, len);
    }
    const std::size_t actual_max = max_length + separator_space;
    if (static_cast<double>(actual_max * 3 + static_cast<std::size_t>(ctx.indentation)) < ctx.break_length &&
        (static_cast<double>(total_length) / static_cast<double>(actual_max) > 5 || max_length <= 6)) {
        const double approx_char_heights = 2.5, average_bias = std::sqrt(static_cast<double>(actual_max) - static_cast<double>(total_length) / static_cast<double>(output.size()));
        const double biased_max = std::max(static_cast<double>(actual_max) - 3 - average_bias, 1.0);
        const double columns_d = std::min({js_round(std::sqrt(approx_char_heights * biased_max * static_cast<double>(output_length)) / biased_max),
                                           std::floor(static_cast<double>(ctx.break_length - ctx.indentation) / static_cast<double>(actual_max)),
                                           3.0 * 4, 15.0});
        if (columns_d <= 1) return output;
        const auto columns = static_cast<std::size_t>(columns_d);
        std::vector<std::size_t> max_line_length;
        for (std::size_t i = 0; i < columns; ++i) {
            std::size_t line_max = 0;
            for (std::size_t j = i; j < output.size(); j += columns)
                if (j < output_length) line_max = std::max(line_max, data_len[j]);
            max_line_length.push_back(line_max + separator_space);
        }
        auto pad = [&](std::string s, std::size_t to) {
            std::size_t w = width(s);
            if (w >= to) return s;
            return all_numbers ? std::string(to - w, ' ') + s : s + std::string(to - w, ' ');
        };
        std::vector<std::string> tmp;
        for (std::size_t i = 0; i < output_length; i += columns) {
            const std::size_t max = std::min(i + columns, output_length);
            std::string str;
            std::size_t j = i;
            for (; j < max - 1; ++j) str += pad(output[j] + ", ", max_line_length[j - i]);
            if (all_numbers) str += pad(output[j], max_line_length[j - i] - separator_space);
            else str += output[j];
            tmp.push_back(std::move(str));
        }
        if (has_more_items) tmp.push_back(output.back());
        return tmp;
    }
    return output;
}

}  // namespace

std::string number_to_string(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v == 0) return "0";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);  // shortest round trip
    std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    std::string sign;
    if (sci.front() == '-') {
        sign = "-";
        sci.remove_prefix(1);
    }
    auto e_at = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e_at))
        if (c != '.') digits += c;
    const int exponent = std::atoi(std::string(sci.substr(e_at + 1)).c_str());
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;  // the decimal point sits after n digits
    if (k <= n && n <= 21) return sign + digits + std::string(static_cast<std::size_t>(n - k), '0');
    if (0 < n && n <= 21) return sign + digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
    if (-6 < n && n <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    const int e = n - 1;
    std::string mantissa = k == 1 ? digits : digits.substr(0, 1) + "." + digits.substr(1);
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + std::to_string(std::abs(e));
}

std::string inspect_number(double v) {
    if (v == 0 && std::signbit(v)) return "-0";
    return number_to_string(v);
}

std::string quote_string(std::string_view s) {
    // Single quotes unless the text has some: then double quotes, then backticks (strEscape).
    char quote = '\'';
    if (s.find('\'') != std::string_view::npos) {
        if (s.find('"') == std::string_view::npos) quote = '"';
        else if (s.find('`') == std::string_view::npos && s.find("${") == std::string_view::npos) quote = '`';
    }
    static constexpr const char* named[] = {"\\b", "\\t", "\\n", "\\x0B", "\\f", "\\r"};
    std::string out(1, quote);
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\'' && quote == '\'') out += "\\'";
        else if (c == '\\') out += "\\\\";
        else if (c >= 8 && c <= 13) out += named[c - 8];
        else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02X}", c);
        else out += ch;
    }
    return out + quote;
}

std::string inspect_string(std::string_view s, const inspect_context& ctx) {
    const std::size_t len = width(s);
    if (len > 16 && static_cast<int>(len) > ctx.break_length - ctx.indentation - 4) {
        // Long strings are shown line by line, joined with " +".
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start < s.size()) {
            std::size_t nl = s.find('\n', start);
            std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
            lines.push_back(quote_string(s.substr(start, end - start)));
            start = end;
        }
        if (lines.empty()) lines.push_back(quote_string(s));
        return join(lines, " +\n" + spaces(ctx.indentation + 2));
    }
    return quote_string(s);
}

std::string property_key(std::string_view key) {
    bool identifier = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
    for (char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) identifier = false;
    return identifier ? std::string(key) : quote_string(key);
}

std::string reduce_to_single_string(inspect_context& ctx, std::vector<std::string> output, std::string_view open,
                                    std::string_view close, bool is_array, int recurse_times, bool all_numbers,
                                    bool has_more_items) {
    const std::size_t entries = output.size();
    if (is_array && entries > 6) output = group_array_elements(ctx, output, all_numbers, has_more_items);
    if (ctx.current_depth - recurse_times < 3 /* ctx.compact */ && entries == output.size()) {
        const std::size_t start = output.size() + static_cast<std::size_t>(ctx.indentation) + open.size() + 10;
        if (is_below_break_length(ctx, output, start)) {
            std::string joined = join(output, ", ");
            if (joined.find('\n') == std::string::npos) return fmt::format("{} {} {}", open, joined, close);
        }
    }
    const std::string indentation = "\n" + spaces(ctx.indentation);
    return fmt::format("{}{}  {}{}{}", open, indentation, join(output, "," + indentation + "  "), indentation, close);
}

namespace detail {

std::string list_of(inspect_context& ctx, int recurse_times, std::size_t count,
                    const std::function<std::string(std::size_t, inspect_context&, int)>& element, bool all_numbers) {
    if (count == 0) return "[]";
    if (recurse_times > ctx.depth) return "[Array]";
    const int rt = recurse_times + 1;
    ctx.current_depth = rt;
    constexpr std::size_t max_array_length = 100;
    std::vector<std::string> output;
    for (std::size_t i = 0; i < std::min(count, max_array_length); ++i) {
        ctx.indentation += 2;
        output.push_back(element(i, ctx, rt));
        ctx.indentation -= 2;
    }
    const bool more = count > max_array_length;
    if (more) {
        std::size_t remaining = count - max_array_length;
        output.push_back(fmt::format("... {} more item{}", remaining, remaining > 1 ? "s" : ""));
    }
    return reduce_to_single_string(ctx, std::move(output), "[", "]", true, rt, all_numbers, more);
}

std::string object_of(inspect_context& ctx, int recurse_times, const std::vector<object::field>& fields) {
    if (fields.empty()) return "{}";
    if (recurse_times > ctx.depth) return "[Object]";
    const int rt = recurse_times + 1;
    ctx.current_depth = rt;
    std::vector<std::string> output;
    for (const auto& f : fields) {
        ctx.indentation += 2;
        std::string v = f.inspect(ctx, rt);
        ctx.indentation -= 2;
        output.push_back(property_key(f.key) + ": " + v);
    }
    return reduce_to_single_string(ctx, std::move(output), "{", "}", false, rt, false, false);
}

}  // namespace detail

std::string format(const std::vector<format_arg>& args) {
    using kind = format_arg::kind;
    if (args.empty()) return {};
    std::string str, join_with;
    std::size_t a = 0;
    if (args[0].type == kind::string) {
        const std::string& first = args[0].text;
        if (args.size() == 1) return first;
        std::size_t last_pos = 0;
        for (std::size_t i = 0; i + 1 < first.size(); ++i) {
            if (first[i] != '%') continue;
            const char next = first[++i];
            if (a + 1 != args.size()) {
                std::string temp;
                switch (next) {
                    case 's': {
                        const format_arg& x = args[++a];
                        temp = x.type == kind::number ? inspect_number(x.number) : x.type == kind::string ? x.text : x.inspected;
                        break;
                    }
                    case 'd':
                    case 'i':
                    case 'f': {
                        const format_arg& x = args[++a];
                        double v = x.type == kind::number ? x.number : x.type == kind::string ? std::strtod(x.text.c_str(), nullptr) : NAN;
                        if (next == 'i') v = std::trunc(v);
                        temp = inspect_number(v);
                        break;
                    }
                    case 'j':
                    case 'o':
                    case 'O': temp = args[++a].inspected; break;
                    case 'c':
                        ++a;
                        break;
                    case '%':
                        str += first.substr(last_pos, i - last_pos);
                        last_pos = i + 1;
                        continue;
                    default: continue;
                }
                if (last_pos != i - 1) str += first.substr(last_pos, i - 1 - last_pos);
                str += temp;
                last_pos = i + 1;
            } else if (next == '%') {
                str += first.substr(last_pos, i - last_pos);
                last_pos = i + 1;
            }
        }
        if (last_pos != 0) {
            ++a;
            join_with = " ";
            if (last_pos < first.size()) str += first.substr(last_pos);
        }
    }
    for (; a < args.size(); ++a) {
        str += join_with;
        str += args[a].type == kind::string ? args[a].text : args[a].inspected;
        join_with = " ";
    }
    return str;
}

}  // namespace loopscope::js
