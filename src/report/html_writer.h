#pragma once
// The committee pack as one self-contained, accessible HTML document (WCAG
// 2.1 AA): inline CSS and SVG, nothing fetched from elsewhere, and laid out
// to print on A4. It lays out the Pack and decides nothing.

#include <string>
#include <vector>

#include "report/pack.h"

namespace scrutiny {

// The whole document for `pack`.
std::string WritePackHtml(const Pack& pack);

// Writes the document to `path`; on failure says why in `error`.
bool SavePackHtml(const Pack& pack, const std::string& path, std::string* error);

// A colour the document prints on a background, with the contrast WCAG 2.1
// asks of it: 4.5 for text, 3 for lines, points and icon outlines. Every text
// colour in the document is one of these.
struct HtmlColourUse {
  std::string what;        // "body text", "amber RAG words"
  std::string colour;      // "#rrggbb"
  std::string background;  // "#rrggbb"
  double minimum_contrast;
};
const std::vector<HtmlColourUse>& HtmlColourUses();

}  // namespace scrutiny
