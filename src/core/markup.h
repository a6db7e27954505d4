#pragma once
// Text put inside HTML, SVG or XML markup.

#include <string>
#include <string_view>

namespace scrutiny {

// The text with &, <, >, " and ' escaped, safe in an element or an attribute.
std::string EscapedMarkup(std::string_view text);

}  // namespace scrutiny
