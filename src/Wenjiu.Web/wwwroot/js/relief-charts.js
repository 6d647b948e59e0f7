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
    // Under this width (a phone) charts change shape rather than shrink: categories run down the side so their names
    // can be read, legends scroll on one line, and the pie names its slices in the legend instead of around itself.
    var narrowWidth = 576;

    function narrow(element) {
        return element.clientWidth < narrowWidth;
    }

    function wan(amount) {
        return Math.round(Number(amount) / tenThousand * 100) / 100;
    }

    function format(value) {
        return Number(value).toLocaleString(locale, { maximumFractionDigits: 2 });
    }

    function base(unit, element) {
        var small = narrow(element);
        return {
            animation: false,
            aria: { enabled: true },
            tooltip: { trigger: "axis", renderMode: "richText", confine: true, valueFormatter: function (v) { return format(v) + " " + unit; } },
            grid: { left: 8, right: small ? 16 : 24, top: small ? 64 : 48, bottom: 8, containLabel: true }
        };
    }

    function legend() {
        return { top: 0, type: "scroll" };
    }

    // The value axis names its unit; on a horizontal chart the name sits under the axis, not past its end.
    function valueAxis(unit, horizontal) {
        return horizontal
            ? { type: "value", name: unit, nameLocation: "middle", nameGap: 28, axisLabel: { hideOverlap: true } }
            : { type: "value", name: unit, axisLabel: { hideOverlap: true } };
    }

    var draw = {
        stacked: function (data, unit, element) {
            var months = [];
            var classes = [];
            var names = {};
            data.rows.forEach(function (r) {
                if (months.indexOf(r.month) < 0) { months.push(r.month); }
                if (classes.indexOf(r.size_class) < 0) { classes.push(r.size_class); names[r.size_class] = r.size_class_name; }
            });
            var option = base(unit, element);
            option.legend = legend();
            option.xAxis = { type: "category", data: months, axisLabel: { hideOverlap: true } };
            option.yAxis = valueAxis(unit, false);
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
            var horizontal = element.getAttribute("data-horizontal") === "true" || narrow(element);
            var rows = data.rows.slice().sort(function (a, b) { return b.employer_relief - a.employer_relief; });
            var labels = rows.map(function (r) { return r[key + "_name"] || r[key]; });
            var values = rows.map(function (r) { return wan(r.employer_relief); });
            var option = base(unit, element);
            var category = {
                type: "category", data: horizontal ? labels.slice().reverse() : labels,
                axisLabel: { interval: 0, rotate: horizontal ? 0 : 40, width: narrow(element) ? 96 : 160, overflow: "truncate" }
            };
            var value = valueAxis(unit, horizontal);
            if (horizontal) {
                option.grid.bottom = 32;
            }
            option.xAxis = horizontal ? value : category;
            option.yAxis = horizontal ? category : value;
            option.series = [{ type: "bar", data: horizontal ? values.slice().reverse() : values }];
            return option;
        },
        pie: function (data, unit, element) {
            var key = element.getAttribute("data-key");
            var option = base(unit, element);
            var small = narrow(element);
            option.tooltip = { trigger: "item", renderMode: "richText", confine: true, valueFormatter: function (v) { return format(v) + " " + unit; } };
            option.legend = legend();
            option.series = [{
                type: "pie", radius: small ? ["30%", "55%"] : ["35%", "65%"], top: 32,
                label: small ? { formatter: "{d}%" } : { formatter: "{b}: {d}%" },
                labelLayout: { hideOverlap: true },
                data: data.rows.map(function (r) { return { name: r[key + "_name"] || r[key], value: wan(r.employer_relief) }; })
            }];
            return option;
        },
        scenario: function (data, unit, element) {
            var months = data.by_month.map(function (r) { return r.month; });
            var option = base(unit, element);
            option.legend = legend();
            option.xAxis = { type: "category", data: months, axisLabel: { hideOverlap: true } };
            option.yAxis = valueAxis(unit, false);
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
                var wasNarrow = narrow(element);
                chart.setOption(draw[kind](data, unit, element));
                window.addEventListener("resize", function () {
                    // Crossing the phone width redraws in the other shape; otherwise the same chart is resized.
                    if (narrow(element) !== wasNarrow) {
                        wasNarrow = narrow(element);
                        chart.setOption(draw[kind](data, unit, element), true);
                    }
                    chart.resize();
                });
            })
            .catch(function () {
                // The table below the chart carries the same figures.
                element.hidden = true;
            });
    });
})();
