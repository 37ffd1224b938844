// Wrapping a line of source text that is wider than the code pane: a student reads every line
// whole instead of a line cut at the pane's edge. Pure text (monospace columns), no ImGui.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace loopscope::gui {

// One row of a source line as drawn: the line's text, or a piece of a line too wide for the pane.
struct wrapped_row {
    std::size_t line;       // 0-based
    std::string_view text;  // a view into the line
    std::size_t indent;     // columns before the text (a continued line's hanging indent)
};

// Appends the rows of `text` (line number `line`) in a pane `columns` wide. A line that fits is
// one row; a longer one breaks at the last space that keeps a row at least half full (else after
// the last bracket, comma or dot that does, else mid-word but never inside a UTF-8 character), its continuations indented four columns past the
// line's own indentation (two in a pane under 40 columns; at most a third of the pane), and
// every row two columns short of the edge: room for a marker. Columns count bytes, so a line
// with non-ASCII characters only wraps early.
void wrap_line(std::string_view text, std::size_t columns, std::size_t line, std::vector<wrapped_row>& rows);

}  // namespace loopscope::gui
