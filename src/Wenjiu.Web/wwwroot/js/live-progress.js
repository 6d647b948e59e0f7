// Live progress for long-running work (imports today, other jobs later). A section with data-poll-url is polled
// every two seconds; each element inside it with data-field="x" shows the JSON's x (numbers in the page's locale,
// and data-label-<value> when the element offers a translation). When the JSON says finished, the page reloads
// once so that the server renders the outcome. Without JavaScript the page's refresh link does the same.
(function () {
    "use strict";
    var section = document.querySelector("[data-poll-url]");
    if (!section || section.getAttribute("data-poll-finished") === "true") {
        return;
    }

    var url = section.getAttribute("data-poll-url");
    var locale = document.documentElement.lang || undefined;

    function show(data) {
        section.querySelectorAll("[data-field]").forEach(function (element) {
            var value = data[element.getAttribute("data-field")];
            if (value === undefined || value === null) {
                return;
            }

            var label = element.getAttribute("data-label-" + String(value).toLowerCase());
            element.textContent = label || (typeof value === "number" ? value.toLocaleString(locale) : String(value));
        });
    }

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                show(data);
                if (data.finished) {
                    window.location.reload();
                } else {
                    window.setTimeout(poll, 2000);
                }
            })
            .catch(function () {
                // A network hiccup: try again a little later; the refresh link still works.
                window.setTimeout(poll, 5000);
            });
    }

    window.setTimeout(poll, 1000);
})();
