// A double as fmt's "{}" writes it (the shortest text that reads back the same; 0.0001, 1e-05,
// 1e+16), for the sleep labels a timer-heavy run makes by the hundred thousand.
//
// fmt's general path costs ~470 instructions per number; the digits come from the same
// dragonbox::to_decimal call fmt makes, and only the layout (fmt 9's rules, checked against fmt in
// tests/engine/sleep_test.cpp) is done here. Zero and non-finite values go to fmt itself.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace loopscope::detail {

inline constexpr std::size_t float_text_max = 32;  // "-1.2345678901234567e-308" and room to spare

// Writes v to out (at least float_text_max chars); returns the end.
inline char* write_float(char* out, double v) {
    if (v == 0 || !std::isfinite(v)) return fmt::format_to(out, "{}", v);
    if (v < 0) {
        *out++ = '-';
        v = -v;
    }
    auto dec = fmt::detail::dragonbox::to_decimal(v);
    // The significand's digits, two at a time from the right.
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char buf[20];
    char* const buf_end = buf + sizeof buf;
    char* d = buf_end;
    std::uint64_t sig = dec.significand;
    for (; sig >= 100; sig /= 100) {
        d -= 2;
        std::memcpy(d, pairs + sig % 100 * 2, 2);
    }
    if (sig >= 10) {
        d -= 2;
        std::memcpy(d, pairs + sig * 2, 2);
    } else {
        *--d = static_cast<char>('0' + sig);
    }
    const int n = static_cast<int>(buf_end - d);
    auto copy = [&out](const char* from, int count) {
        std::memcpy(out, from, static_cast<std::size_t>(count));
        out += count;
    };
    auto zeros = [&out](int count) {
        std::memset(out, '0', static_cast<std::size_t>(count));
        out += count;
    };
    const int exp = dec.exponent;
    const int output_exp = exp + n - 1;  // the power of ten of the first digit
    if (output_exp < -4 || output_exp >= 16) {  // d[.ddd]e±XX
        *out++ = d[0];
        if (n > 1) {
            *out++ = '.';
            copy(d + 1, n - 1);
        }
        *out++ = 'e';
        int e = output_exp;
        *out++ = e < 0 ? '-' : '+';
        if (e < 0) e = -e;
        if (e >= 100) *out++ = static_cast<char>('0' + e / 100);
        copy(pairs + e % 100 * 2, 2);
    } else if (exp >= 0) {  // 1234e2 -> 123400
        copy(d, n);
        zeros(exp);
    } else if (n + exp > 0) {  // 1234e-2 -> 12.34
        copy(d, n + exp);
        *out++ = '.';
        copy(d + n + exp, -exp);
    } else {  // 1234e-6 -> 0.001234
        *out++ = '0';
        *out++ = '.';
        zeros(-(n + exp));
        copy(d, n);
    }
    return out;
}

}  // namespace loopscope::detail
