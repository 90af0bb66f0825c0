// Report pages. A saved value row is swapped in with the same element ids (labels need them); htmx's
// settle step would copy the "style" attribute between the old and new elements, which the CSP
// (style-src 'self') refuses. Nothing on these pages uses inline styles, so settle classes only.
if (window.htmx) {
  htmx.config.attributesToSettle = ["class", "width", "height"];
}
