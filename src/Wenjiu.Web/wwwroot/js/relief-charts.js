// Relief charts (Apache ECharts, served from /lib/echarts). Each element with data-chart is drawn from the JSON at its
// data-source: "stacked" relief by month stacked by size class, "bar" relief by data-key (district, industry; 
// data-horizontal for long names), "pie" relief by sector, "scenario" baseline and scenario relief by month. The page
// renders the same figures as tables, which are the charts' text alternative; without JavaScript only the tables show.
// Money is drawn in units of 10,000 yuan (data-unit names the unit). No inline script: the CSP allows only 'self'.
(function () {
    "use strict";
    if (typeof echarts === "undefined") {
        return;
    }

    var locale = document.documentElement.lang || undefined;
    var tenThousand = 10000;

    function wan(amount) {
        return Math.round(Number(amount) / tenThousand * 100) / 100;
    }

    function format(value) {
        return Number(value).toLocaleString(locale, { maximumFractionDigits: 2 });
    }

    function base(unit) {
        return {
            animation: false,
            aria: { enabled: true },
            tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return format(v) + " " + unit; } },
            grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true }
        };
    }

    var draw = {
        stacked: function (data, unit) {
            var months = [];
            var classes = [];
            var names = {};
            data.rows.forEach(function (r) {
                if (months.indexOf(r.month) < 0) { months.push(r.month); }
                if (classes.indexOf(r.size_class) < 0) { classes.push(r.size_class); names[r.size_class] = r.size_class_name; }
            });
            var option = base(unit);
            option.legend = { top: 0 };
            option.xAxis = { type: "category", data: months };
            option.yAxis = { type: "value", name: unit };
            option.series = classes.map(function (c) {
                return {
                    name: names[c], type: "bar", stack: "relief",
                    data: months.map(function (m) {
                        var row = data.rows.filter(function (r) { return r.month === m && r.size_class === c; })[0];
                        return row ? wan(row.employer_relief) : 0;
                    })
                };
            });
            return option;
        },
        bar: function (data, unit, element) {
            var key = element.getAttribute("data-key");
            var horizontal = element.getAttribute("data-horizontal") === "true";
            var rows = data.rows.slice().sort(function (a, b) { return b.employer_relief - a.employer_relief; });
            var labels = rows.map(function (r) { return r[key + "_name"] || r[key]; });
            var values = rows.map(function (r) { return wan(r.employer_relief); });
            var option = base(unit);
            var category = { type: "category", data: horizontal ? labels.slice().reverse() : labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 } };
            var value = { type: "value", name: unit };
            option.xAxis = horizontal ? value : category;
            option.yAxis = horizontal ? category : value;
            option.series = [{ type: "bar", data: horizontal ? values.slice().reverse() : values }];
            return option;
        },
        pie: function (data, unit, element) {
            var key = element.getAttribute("data-key");
            var option = base(unit);
            option.tooltip = { trigger: "item", renderMode: "richText", valueFormatter: function (v) { return format(v) + " " + unit; } };
            option.legend = { top: 0 };
            option.series = [{
                type: "pie", radius: ["35%", "65%"], top: 32,
                label: { formatter: "{b}: {d}%" },
                data: data.rows.map(function (r) { return { name: r[key + "_name"] || r[key], value: wan(r.employer_relief) }; })
            }];
            return option;
        },
        scenario: function (data, unit, element) {
            var months = data.by_month.map(function (r) { return r.month; });
            var option = base(unit);
            option.legend = { top: 0 };
            option.xAxis = { type: "category", data: months };
            option.yAxis = { type: "value", name: unit };
            option.series = [
                { name: element.getAttribute("data-label-baseline"), type: "bar", data: data.by_month.map(function (r) { return wan(r.baseline_employer_relief); }) },
                { name: element.getAttribute("data-label-scenario"), type: "bar", data: data.by_month.map(function (r) { return wan(r.scenario_employer_relief); }) }
            ];
            return option;
        }
    };

    document.querySelectorAll("[data-chart]").forEach(function (element) {
        var kind = element.getAttribute("data-chart");
        var unit = element.getAttribute("data-unit") || "";
        if (!draw[kind]) {
            return;
        }

        fetch(element.getAttribute("data-source"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                var chart = echarts.init(element, null, { renderer: "canvas" });
                chart.setOption(draw[kind](data, unit, element));
                window.addEventListener("resize", function () { chart.resize(); });
            })
            .catch(function () {
                // The table below the chart carries the same figures.
                element.hidden = true;
            });
    });
})();
