/* The statistics page (site_docs/statistics.md): reads /api/statistics.json and shows the
   figures, each chart (the server's SVG) with its table beside it, and every figure of a
   chosen year or month. Without JavaScript the page links to the server's own page. */
(function () {
  "use strict";
  var box = document.getElementById("pra-statistics");
  if (!box || !window.fetch) return;
  var api = box.getAttribute("data-api");
  var lang = box.getAttribute("data-lang") === "es" ? "es" : "en";
  var WORDS = {
    en: {
      months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
      asOf: "Figures as of", openNow: "Requests open now", overdueNow: "of them overdue",
      charts: "The last 12 months", figures: "All figures", period: "Figures for",
      figure: "Figure", value: "Number", month: "Month", fewerThan: "fewer than ",
      failed: "The figures could not be loaded. They are also at ",
      onePage: "statistics, one page",
      received: ["Requests received each month", "Bar chart of the requests received in each of the last 12 months. The table beside it gives the numbers.", ["Requests received"]],
      determinations: ["Written decisions on time and late each month", "Stacked bar chart of the written decisions sent each month, on time and late. The table beside it gives the numbers.", ["On time", "Late"]],
      days: ["Days to a written decision each month", "Bar chart of the median and the 90th percentile of the calendar days from a request to its written decision, each month. The table beside it gives the numbers.", ["Median", "90th percentile"]],
      rows: {
        received: "Requests received", channel_online: "online", channel_email: "by email",
        channel_mail: "by mail", channel_phone: "by phone", channel_in_person: "in person",
        patron_records: "Requests for one's own library records (counted apart)",
        on_time: "Written decisions on time", late: "Written decisions late",
        det_median: "Days to a written decision: median", det_p90: "Days to a written decision: 90th percentile",
        rel_on_time: "Records handed over by the date promised", rel_late: "Records handed over late",
        rel_median: "Days to the records: median", rel_p90: "Days to the records: 90th percentile",
        extensions: "Extensions of the deadline",
        reason_field_facilities: "records in field facilities or other buildings",
        reason_voluminous: "a voluminous amount of records",
        reason_consultation: "consultation with another agency",
        reason_data_extraction: "data compiled or extracted by programming",
        reason_emergency: "a proclaimed emergency", reason_cyberattack: "a cyberattack",
        outcome_released: "Records released in full", outcome_partly_released: "Records released in part",
        outcome_no_records: "No records found", outcome_denied: "Request denied",
        outcome_withdrawn: "Request withdrawn", appeals: "Appeals",
        appeal_upheld: "denial upheld", appeal_overturned: "overturned",
        appeal_overturned_in_part: "overturned in part", appeal_pending: "not yet decided",
        open: "Open now", overdue: "Overdue now"
      }
    },
    es: {
      months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
      asOf: "Cifras al", openNow: "Solicitudes abiertas ahora", overdueNow: "de ellas vencidas",
      charts: "Los últimos 12 meses", figures: "Todas las cifras", period: "Cifras de",
      figure: "Cifra", value: "Número", month: "Mes", fewerThan: "menos de ",
      failed: "No se pudieron cargar las cifras. También están en ",
      onePage: "estadísticas, en una página",
      received: ["Solicitudes recibidas cada mes", "Gráfico de barras de las solicitudes recibidas en cada uno de los últimos 12 meses. La tabla a su lado da los números.", ["Solicitudes recibidas"]],
      determinations: ["Decisiones a tiempo y tardías cada mes", "Gráfico de barras apiladas de las decisiones enviadas cada mes, a tiempo y tardías. La tabla a su lado da los números.", ["A tiempo", "Tardías"]],
      days: ["Días hasta la decisión cada mes", "Gráfico de barras de la mediana y el percentil 90 de los días naturales entre una solicitud y su decisión, cada mes. La tabla a su lado da los números.", ["Mediana", "Percentil 90"]],
      rows: {
        received: "Solicitudes recibidas", channel_online: "en línea", channel_email: "por correo electrónico",
        channel_mail: "por correo postal", channel_phone: "por teléfono", channel_in_person: "en persona",
        patron_records: "Solicitudes de los propios registros de la biblioteca (contadas aparte)",
        on_time: "Decisiones a tiempo", late: "Decisiones tardías",
        det_median: "Días hasta la decisión: mediana", det_p90: "Días hasta la decisión: percentil 90",
        rel_on_time: "Registros entregados en la fecha prometida", rel_late: "Registros entregados con retraso",
        rel_median: "Días hasta los registros: mediana", rel_p90: "Días hasta los registros: percentil 90",
        extensions: "Prórrogas del plazo",
        reason_field_facilities: "registros en instalaciones de campo u otros edificios",
        reason_voluminous: "un volumen grande de registros",
        reason_consultation: "consulta con otra agencia",
        reason_data_extraction: "datos compilados o extraídos por programación",
        reason_emergency: "una emergencia declarada", reason_cyberattack: "un ciberataque",
        outcome_released: "Registros entregados por completo", outcome_partly_released: "Registros entregados en parte",
        outcome_no_records: "No se hallaron registros", outcome_denied: "Solicitud denegada",
        outcome_withdrawn: "Solicitud retirada", appeals: "Apelaciones",
        appeal_upheld: "negativa confirmada", appeal_overturned: "revocada",
        appeal_overturned_in_part: "revocada en parte", appeal_pending: "aún sin decidir",
        open: "Abiertas ahora", overdue: "Vencidas ahora"
      }
    }
  }[lang];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function text(value) {
    if (value === null || value === undefined) return "–";
    if (typeof value === "object") return WORDS.fewerThan + value.fewer_than;
    return String(value);
  }

  function periodName(period) {
    return period.length === 4 ? period : WORDS.months[Number(period.slice(5)) - 1] + " " + period.slice(0, 4);
  }

  function longDate(iso) {
    var options = { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", options).format(new Date(iso + "T00:00:00Z"));
  }

  function table(caption, columns, rows) {
    return el("table", {}, [
      el("caption", {}, [caption]),
      el("thead", {}, [el("tr", {}, columns.map(function (c) { return el("th", { scope: "col" }, [c]); }))]),
      el("tbody", {}, rows.map(function (row) {
        var head = el("th", { scope: "row" }, [row[0]]);
        if (row.part) head.setAttribute("style", "font-weight:normal;padding-left:1.5em");
        return el("tr", {}, [head].concat(row.slice(1).map(function (c) { return el("td", {}, [c]); })));
      }))
    ]);
  }

  function chartValues(name, month) {
    if (name === "received") return [month.received.total];
    if (name === "determinations") return [month.determinations.on_time, month.determinations.late];
    return [month.determinations.days.median, month.determinations.days.p90];
  }

  function chart(name, months) {
    var words = WORDS[name];
    var id = "pra-statistics-" + name;
    var rows = months.map(function (m) {
      return [periodName(m.period)].concat(chartValues(name, m).map(text));
    });
    return el("section", { "class": "pra-statistics-chart", "aria-labelledby": id }, [
      el("h3", { id: id }, [words[0]]),
      el("div", { style: "display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start" }, [
        el("img", { src: api + "/" + name + ".svg?lang=" + lang, alt: words[0] + ". " + words[1], width: "640", height: "300",
          style: "flex:2 1 24rem;min-width:0;max-width:100%;height:auto" }),
        table(words[0], [WORDS.month].concat(words[2]), rows)
      ])
    ]);
  }

  // The JSON's keys come sorted by name: shown in the order the server's page has them.
  var ORDER = {
    channel: ["online", "email", "mail", "phone", "in_person"],
    reason: ["field_facilities", "voluminous", "consultation", "data_extraction", "emergency", "cyberattack"],
    outcome: ["released", "partly_released", "no_records", "denied", "withdrawn"],
    appeal: ["upheld", "overturned", "overturned_in_part", "pending"]
  };

  function ordered(kind, counts) {
    var known = ORDER[kind].filter(function (k) { return k in counts; });
    return known.concat(Object.keys(counts).filter(function (k) { return known.indexOf(k) < 0; }));
  }

  function figureRows(f) {
    var w = WORDS.rows;
    var rows = [[w.received, text(f.received.total)]];
    ordered("channel", f.received.by_channel).forEach(function (c) {
      var row = [w["channel_" + c] || c, text(f.received.by_channel[c])]; row.part = true; rows.push(row);
    });
    rows.push([w.patron_records, text(f.patron_records)],
      [w.on_time, text(f.determinations.on_time)], [w.late, text(f.determinations.late)],
      [w.det_median, text(f.determinations.days.median)], [w.det_p90, text(f.determinations.days.p90)],
      [w.rel_on_time, text(f.releases.on_time)], [w.rel_late, text(f.releases.late)],
      [w.rel_median, text(f.releases.days.median)], [w.rel_p90, text(f.releases.days.p90)],
      [w.extensions, text(f.extensions.total)]);
    ordered("reason", f.extensions.by_reason).forEach(function (r) {
      var row = [w["reason_" + r] || r, text(f.extensions.by_reason[r])]; row.part = true; rows.push(row);
    });
    ordered("outcome", f.outcomes).forEach(function (o) { rows.push([w["outcome_" + o] || o, text(f.outcomes[o])]); });
    rows.push([w.appeals, text(f.appeals.total)]);
    ordered("appeal", f.appeals.by_outcome).forEach(function (o) {
      var row = [w["appeal_" + o] || o, text(f.appeals.by_outcome[o])]; row.part = true; rows.push(row);
    });
    rows.push([w.open, text(f.open)], [w.overdue, text(f.overdue)]);
    return rows;
  }

  function show(s) {
    var periods = s.years.concat(s.months);
    var note = document.getElementById("pra-statistics-note");
    note.textContent = WORDS.asOf + " " + longDate(s.as_of) + ". " + WORDS.openNow + ": " + s.open + ", " + WORDS.overdueNow + ": " + s.overdue + ".";
    var months = s.months.slice(0, 12).reverse();
    box.appendChild(el("h2", { id: "pra-statistics-charts" }, [WORDS.charts]));
    ["received", "determinations", "days"].forEach(function (name) { box.appendChild(chart(name, months)); });
    box.appendChild(el("h2", { id: "pra-statistics-figures" }, [WORDS.figures]));
    var select = el("select", { id: "pra-statistics-period", "class": "pra-input" }, periods.map(function (p) {
      return el("option", { value: p.period }, [periodName(p.period)]);
    }));
    box.appendChild(el("div", { "class": "pra-field" }, [
      el("label", { "class": "pra-label", "for": "pra-statistics-period" }, [WORDS.period]), select
    ]));
    var holder = el("div", { "aria-live": "polite" });
    box.appendChild(holder);
    function render() {
      var chosen = periods.filter(function (p) { return p.period === select.value; })[0] || periods[0];
      holder.replaceChildren(table(WORDS.period + " " + periodName(chosen.period), [WORDS.figure, WORDS.value], figureRows(chosen)));
    }
    select.addEventListener("change", render);
    render();
  }

  fetch(api + ".json", { headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(show, function () {
      var note = document.getElementById("pra-statistics-note");
      note.replaceChildren(WORDS.failed, el("a", { href: api + "?lang=" + lang }, [WORDS.onePage]), ".");
    });
})();
