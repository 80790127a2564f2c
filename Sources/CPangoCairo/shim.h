// Pango lays out Chinese text (shaping, line breaking, font fallback); Cairo writes the PDF and
// embeds the subset fonts. pkg-config (pangocairo) supplies the include paths.
#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>
