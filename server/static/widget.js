// rutin widget: place the compact ask box (/widget) in an intranet page.
//
//   <script src="https://rutin.example.se/widget.js" async></script>
//
// The iframe is inserted where the script tag stands (or into the element with
// id="rutin-widget" if the page has one). Options as data attributes on the script tag:
// data-height (pixels, default 520), data-title (the frame's accessible name),
// data-organization (answer from that organization's routines only, e.g. "Region Halland").
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src, document.baseURI).origin;
  var frame = document.createElement("iframe");
  var organization = script.getAttribute("data-organization");
  frame.src = origin + "/widget" + (organization ? "?organization=" + encodeURIComponent(organization) : "");
  frame.title = script.getAttribute("data-title") || "Fråga om rutinerna för hemsjukvård";
  frame.loading = "lazy";
  frame.style.width = "100%";
  frame.style.maxWidth = "40rem";
  frame.style.height = (parseInt(script.getAttribute("data-height"), 10) || 520) + "px";
  frame.style.border = "1px solid #c9d1da";
  frame.style.borderRadius = "8px";
  var target = document.getElementById("rutin-widget");
  if (target) { target.appendChild(frame); } else { script.parentNode.insertBefore(frame, script.nextSibling); }
})();
