#include "code_wrap.hpp"

#include <algorithm>

namespace loopscope::gui {

void wrap_line(std::string_view text, std::size_t columns, std::size_t line, std::vector<wrapped_row>& rows) {
    columns = std::max<std::size_t>(columns, 8);  // every row keeps some text past the indent
    if (text.size() <= columns) {
        rows.push_back({line, text, 0});
        return;
    }
    const std::size_t own_indent = std::min(text.find_first_not_of(' '), text.size());
    const std::size_t hang = std::min(own_indent + (columns < 40 ? 2 : 4), columns / 3);
    std::size_t indent = 0;
    while (!text.empty()) {
        const std::size_t room = columns - 2 - indent;
        if (text.size() <= room) {
            rows.push_back({line, text, indent});
            break;
        }
        std::size_t cut = text.rfind(' ', room);
        if (cut == std::string_view::npos || cut < room / 2 || cut == 0) {
            // No space late enough: after an opening bracket, a comma or a dot, else mid-word.
            cut = text.substr(0, room).find_last_of("(,.[{");
            cut = cut != std::string_view::npos && cut + 1 >= room / 2 ? cut + 1 : room;
            // Not inside a UTF-8 character (a user's script may have some; columns count bytes,
            // so such a line only wraps early).
            while (cut > 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        } else {
            cut += 1;  // the space ends this row
        }
        rows.push_back({line, text.substr(0, cut), indent});
        text.remove_prefix(cut);
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
        indent = hang;
    }
}

}  // namespace loopscope::gui
