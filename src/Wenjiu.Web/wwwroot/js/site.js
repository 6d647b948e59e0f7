// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";
    // GOV.UK pattern: after a failed submission, move focus to the error summary so it is read first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }

    // Phone width: each body cell of a table of four columns or more gets its column's name (data-label), and site.css
    // shows the table's rows as stacked cards under 576 px. Done here rather than in each page so that every table, in every module, is covered.
    function columnNames(table) {
        var head = table.tHead;
        if (!head || head.rows.length === 0) {
            return null;
        }
        var names = [];
        var row = head.rows[head.rows.length - 1];
        Array.prototype.forEach.call(row.cells, function (cell) {
            var text = (cell.innerText || cell.textContent || "").replace(/\s+/g, " ").trim();
            for (var i = 0; i < (cell.colSpan || 1); i++) {
                names.push(text);
            }
        });
        return names;
    }

    document.querySelectorAll("main table").forEach(function (table) {
        var names = columnNames(table);
        // Up to three columns fit a phone side by side (a month, a count and its bar); wider tables stack.
        if (!names || names.length <= 3 || table.hasAttribute("data-no-stack")) {
            return;
        }
        var bodies = Array.prototype.slice.call(table.tBodies);
        if (table.tFoot) {
            bodies.push(table.tFoot);
        }
        bodies.forEach(function (body) {
            Array.prototype.forEach.call(body.rows, function (row) {
                var column = 0;
                Array.prototype.forEach.call(row.cells, function (cell) {
                    var name = names[column];
                    var rowHeading = cell.tagName === "TH" && cell.getAttribute("scope") === "row";
                    if (name && !rowHeading && !cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
                        cell.setAttribute("data-label", name);
                    }
                    column += cell.colSpan || 1;
                });
            });
        });
        table.classList.add("table-stack");
    });

    // A region that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) and named.
    function labelFor(region) {
        var caption = region.querySelector("caption");
        if (caption && caption.textContent.trim()) {
            return caption.textContent.replace(/\s+/g, " ").trim();
        }
        var table = region.querySelector("table[aria-label]");
        return table ? table.getAttribute("aria-label") : null;
    }

    function markScrollableRegions() {
        document.querySelectorAll("main .table-wrap, main pre").forEach(function (region) {
            var scrolls = region.scrollWidth > region.clientWidth + 1;
            if (scrolls && !region.hasAttribute("tabindex")) {
                region.setAttribute("tabindex", "0");
                region.setAttribute("data-scroll-focus", "");
                if (!region.hasAttribute("role")) {
                    var label = labelFor(region);
                    if (label) {
                        region.setAttribute("role", "region");
                        region.setAttribute("aria-label", label);
                    }
                }
            } else if (!scrolls && region.hasAttribute("data-scroll-focus")) {
                region.removeAttribute("tabindex");
                region.removeAttribute("data-scroll-focus");
            }
        });
    }

    markScrollableRegions();
    var pending = null;
    window.addEventListener("resize", function () {
        window.clearTimeout(pending);
        pending = window.setTimeout(markScrollableRegions, 150);
    });
    document.addEventListener("toggle", markScrollableRegions, true);
})();
