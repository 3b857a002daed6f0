/* PRA portal: small enhancements. Every form here works without this file: it only
   validates inline, sends with fetch and shows answers in place.
   (Form actions already carry extra.api_base: hooks/pra_extra.py puts it in at build time.) */
(function () {
  "use strict";

  var lang = document.documentElement.lang === "es" ? "es" : "en";
  var TEXT = {
    en: {
      problem: "There is a problem",
      error: "Error:",
      description: "Describe the records in at least 10 characters",
      descriptionLong: "Shorten the description to 10,000 characters or fewer",
      format: "Choose how you want the records",
      delivery: "Choose how we should get them to you",
      email: "Enter an email address, or choose another way to get the records",
      emailInvalid: "Enter an email address like name@example.org",
      address: "Enter a mailing address, or choose another way to get the records",
      inspectNotMailed: "Records you inspect in person are not mailed: choose “Pick up”, or " +
        "another format",
      sending: "Sending…",
      unreachable: "We could not send your request. Check your connection and try again.",
      tooLarge: "The request is too large. Shorten the description.",
      received: "Your request was received",
      tracking: "Tracking number",
      code: "Access code",
      keep: "Write these down or save this page. You need both to check the status of your " +
        "request. We cannot show the access code again.",
      due: "We will send you a written response by",
      noReason: "You do not need to tell us why you want these records.",
      repeated: "This request had already reached us. For your privacy its access code is " +
        "shown only once: it is in your acknowledgement email.",
      statusLink: "Check the status of your request",
      suggestions: "These may already answer your request:",
      patron: "Records of who borrowed or used something are confidential (Policy 4005) and " +
        "are not released through this form. If they are your own records, ask at any " +
        "branch with your library card.",
      guide: "How to ask for your own records",
      statusTitle: "Status of request",
      status: "Status",
      receivedOn: "Received",
      legalDue: "Written response due",
      extendedDue: "Extended response date",
      recordsAvailable: "Records available from",
      asked: "What you asked for",
      yourRecords: "Your records",
      recordsYear: "Year",
      logRecords: "Records released for this request",
      recordsType: "Kind of file",
      recordsKinds: { "": "All kinds", pdf: "PDF", spreadsheet: "Spreadsheets", document: "Documents", image: "Images", other: "Other" },
      downloadAll: "Download all as one ZIP file",
      letters: "Letters",
      appeal: "Appeal",
      appealLink: "Appeal this decision",
      clarificationTitle: "Answer our question",
      answerLabel: "Your answer",
      answerHint: "Answer the question in our letter as fully as you can.",
      clarificationSubmit: "Send the answer",
      withdrawalTitle: "Withdraw this request",
      withdrawalIntro: "If you no longer want these records, you can withdraw your request. We will close it and stop working on it. You can make a new request at any time.",
      reasonLabel: "Why you are withdrawing it (optional)",
      reasonHint: "You do not have to say. Only the PRA Coordinator reads it.",
      withdrawalSubmit: "Withdraw the request",
      appealReceived: "Appeal received",
      appealLate: "after the appeal window closed on",
      appealDecisionDue: "Decision due by",
      noLetters: "No letters have been sent yet.",
      notFound: "No request matches that tracking number and access code. Check both " +
        "against your acknowledgement email and try again.",
      noRecords: "No records have been published yet.",
      noMatch: "No released record matches your search.",
      released: "Released"
    },
    es: {
      problem: "Hay un problema",
      error: "Error:",
      description: "Describa los registros con al menos 10 caracteres",
      descriptionLong: "Acorte la descripción a 10.000 caracteres o menos",
      format: "Elija cómo quiere los registros",
      delivery: "Elija cómo se los hacemos llegar",
      email: "Escriba un correo electrónico, o elija otra forma de recibir los registros",
      emailInvalid: "Escriba un correo electrónico como nombre@ejemplo.org",
      address: "Escriba una dirección postal, o elija otra forma de recibir los registros",
      inspectNotMailed: "Los registros que consulta en persona no se envían por correo " +
        "postal: elija «Recoger», u otro formato",
      sending: "Enviando…",
      unreachable: "No pudimos enviar su solicitud. Compruebe su conexión y vuelva a intentarlo.",
      tooLarge: "La solicitud es demasiado larga. Acorte la descripción.",
      received: "Recibimos su solicitud",
      tracking: "Número de seguimiento",
      code: "Código de acceso",
      keep: "Anote estos datos o guarde esta página. Necesita ambos para consultar el estado " +
        "de su solicitud. No podemos volver a mostrar el código de acceso.",
      due: "Le enviaremos una respuesta por escrito a más tardar el",
      noReason: "No necesita decirnos por qué quiere estos registros.",
      repeated: "Esta solicitud ya nos había llegado. Para proteger su privacidad, su código " +
        "de acceso se muestra una sola vez: está en su correo de confirmación.",
      statusLink: "Consultar el estado de su solicitud",
      suggestions: "Esto podría responder ya a su solicitud:",
      patron: "Los registros de quién tomó prestado o usó algo son confidenciales " +
        "(Política 4005) y no se entregan mediante este formulario. Si son sus propios " +
        "registros, pídalos en cualquier sucursal con su tarjeta de la biblioteca.",
      guide: "Cómo pedir sus propios registros",
      statusTitle: "Estado de la solicitud",
      status: "Estado",
      receivedOn: "Recibida",
      legalDue: "Fecha límite de la respuesta por escrito",
      extendedDue: "Fecha de respuesta prorrogada",
      recordsAvailable: "Registros disponibles desde",
      asked: "Lo que pidió",
      yourRecords: "Sus registros",
      recordsYear: "Año",
      logRecords: "Registros entregados para esta solicitud",
      recordsType: "Tipo de archivo",
      recordsKinds: { "": "Todos los tipos", pdf: "PDF", spreadsheet: "Hojas de cálculo", document: "Documentos", image: "Imágenes", other: "Otros" },
      downloadAll: "Descargar todo en un archivo ZIP",
      letters: "Cartas",
      appeal: "Apelación",
      appealLink: "Apelar esta decisión",
      clarificationTitle: "Responder a nuestra pregunta",
      answerLabel: "Su respuesta",
      answerHint: "Responda a la pregunta de nuestra carta lo más completo que pueda.",
      clarificationSubmit: "Enviar la respuesta",
      withdrawalTitle: "Retirar esta solicitud",
      withdrawalIntro: "Si ya no quiere estos registros, puede retirar su solicitud. La cerraremos y dejaremos de trabajar en ella. Puede presentar una nueva solicitud cuando quiera.",
      reasonLabel: "Por qué la retira (opcional)",
      reasonHint: "No tiene que decirlo. Solo lo lee la Coordinación de Registros Públicos.",
      withdrawalSubmit: "Retirar la solicitud",
      appealReceived: "Apelación recibida",
      appealLate: "después de que venció el plazo para apelar, el",
      appealDecisionDue: "Decisión a más tardar el",
      noLetters: "Todavía no se ha enviado ninguna carta.",
      notFound: "Ninguna solicitud coincide con ese número de seguimiento y código de acceso. " +
        "Compruebe ambos en su correo de confirmación y vuelva a intentarlo.",
      noRecords: "Todavía no se ha publicado ningún registro.",
      noMatch: "Ningún registro publicado coincide con su búsqueda.",
      released: "Publicado"
    }
  }[lang];

  var STATUS_LINK = /^#(PRA-\d{4}-\d{5,}):([A-Za-z0-9-]+)$/i;
  var PATRON_WORDS = /\b(borrow\w*|checked out|check-?outs?|circulation|patrons?|library card|who (read|used|visited)|prest\w*|usuari\w*|tarjeta de (la )?biblioteca|qui[eé]n (ley[oó]|us[oó]))\b/i;

  /* ---------- small helpers ---------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function longDate(iso) {
    // Dates are calendar days: format them in UTC so no time zone shifts the day.
    var options = { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", options)
      .format(new Date(iso + "T00:00:00Z"));
  }

  function clockTime(hhmm) {
    // As the letters write it: "10:00 a.m." in English, "10:00" in Spanish.
    var parts = /^(\d{2}):(\d{2})$/.exec(hhmm || "");
    if (!parts || lang === "es") return hhmm;
    var hour = Number(parts[1]);
    return ((hour % 12) || 12) + ":" + parts[2] + (hour < 12 ? " a.m." : " p.m.");
  }

  function postJson(url, body, extraHeaders) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    Object.keys(extraHeaders || {}).forEach(function (name) { headers[name] = extraHeaders[name]; });
    return fetch(url, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base + "/", location.href);
  }

  // One search index holds both languages; Spanish pages live under es/.
  var LANG_PREFIX = lang === "es" ? "es/" : "";

  function inLanguage(location) {
    return lang === "es" ? location.indexOf("es/") === 0 : location.indexOf("es/") !== 0;
  }

  function pageUrl(path) {
    return new URL(LANG_PREFIX + path, siteBase()).href;
  }

  /* ---------- request form: inline validation and the error summary ---------- */

  function fieldId(name) {
    var radios = { format: "pra-format-electronic", delivery: "pra-delivery-email" };
    return radios[name] || "pra-" + name.replace(/_/g, "-");
  }

  function fieldBox(form, name) {
    var input = document.getElementById(fieldId(name));
    return input && input.closest(".pra-field");
  }

  function checkRequest(form) {
    var e = form.elements, errors = {};
    var description = e.description.value.trim();
    if (description.length < 10) errors.description = TEXT.description;
    else if (description.length > 10000) errors.description = TEXT.descriptionLong;
    if (!e.format.value) errors.format = TEXT.format;
    if (!e.delivery.value) errors.delivery = TEXT.delivery;
    else if (e.delivery.value === "mail" && e.format.value === "inspect") {
      errors.delivery = TEXT.inspectNotMailed;
    }
    if (e.delivery.value === "email" && !e.email.value.trim()) errors.email = TEXT.email;
    else if (e.email.value.trim() && e.email.validity.typeMismatch) errors.email = TEXT.emailInvalid;
    if (e.delivery.value === "mail" && !e.mailing_address.value.trim()) {
      errors.mailing_address = TEXT.address;
    }
    return errors;
  }

  function clearErrors(form) {
    form.querySelectorAll(".pra-error-message[data-pra-js]").forEach(function (n) { n.remove(); });
    form.querySelectorAll(".pra-field--error").forEach(function (n) {
      n.classList.remove("pra-field--error");
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (n) {
      n.removeAttribute("aria-invalid");
      var described = (n.getAttribute("aria-describedby") || "").replace(/\s*pra-[\w-]+-error/g, "");
      n.setAttribute("aria-describedby", described.trim());
    });
    var summary = document.getElementById("pra-error-summary");
    if (summary) summary.remove();
  }

  function showErrors(form, errors) {
    clearErrors(form);
    var names = Object.keys(errors);
    if (!names.length) return false;
    var items = names.map(function (name) {
      markField(form, name, errors[name]);
      return el("li", {}, [el("a", { href: "#" + fieldId(name) }, [errors[name]])]);
    });
    var summary = el("div", {
      "class": "pra-error-summary", id: "pra-error-summary", tabindex: "-1",
      role: "alert", "aria-labelledby": "pra-error-summary-title"
    }, [el("h2", { id: "pra-error-summary-title" }, [TEXT.problem]), el("ul", {}, items)]);
    form.parentNode.insertBefore(summary, form);
    summary.focus();
    return true;
  }

  function clearFieldError(form, name) {
    var box = fieldBox(form, name);
    var note = document.getElementById("pra-" + name.replace(/_/g, "-") + "-error");
    if (!box || !note) return;
    note.remove();
    box.classList.remove("pra-field--error");
    box.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
  }

  function markField(form, name, message) {
    var box = fieldBox(form, name);
    if (!box) return;
    var errorId = "pra-" + name.replace(/_/g, "-") + "-error"; // as the server's page names it
    var note = el("p", { "class": "pra-error-message", id: errorId, "data-pra-js": "" }, [
      el("span", { "class": "pra-visually-hidden" }, [TEXT.error + " "]), message
    ]);
    var control = box.querySelector("fieldset") || box.querySelector("input, textarea, select");
    var anchor = box.querySelector("fieldset .pra-radios") || control;
    anchor.parentNode.insertBefore(note, anchor);
    box.classList.add("pra-field--error");
    control.setAttribute("aria-invalid", "true");
    var described = control.getAttribute("aria-describedby") || "";
    control.setAttribute("aria-describedby", (described + " " + errorId).trim());
  }

  /* ---------- request form: sending with fetch, confirmation in place ---------- */

  function formBody(form) {
    var body = {};
    new FormData(form).forEach(function (value, key) { body[key] = value; });
    return body;
  }

  // One key per view of the form: sending it again (a retry after a lost answer, a double
  // click) stores the request once, and the server answers the first receipt.
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function showConfirmation(form, receipt) {
    var code = receipt.access_code
      ? [el("dt", {}, [TEXT.code]), el("dd", { id: "pra-access-code" }, [receipt.access_code])]
      : [];
    var panel = el("div", { id: "pra-confirmation", "class": "pra-confirmation", tabindex: "-1" }, [
      el("h2", {}, [TEXT.received]),
      el("dl", { "class": "pra-receipt" }, [
        el("dt", {}, [TEXT.tracking]), el("dd", { id: "pra-tracking-number" }, [receipt.tracking_number])
      ].concat(code)),
      el("p", {}, [el("strong", {}, [receipt.access_code ? TEXT.keep : TEXT.repeated])]),
      el("p", {}, [TEXT.due + " ", el("strong", { id: "pra-due" }, [longDate(receipt.initial_response_due)]), "."]),
      el("p", {}, [TEXT.noReason]),
      el("p", {}, [el("a", { href: receipt.status_url }, [TEXT.statusLink])])
    ]);
    form.parentNode.replaceChild(panel, form);
    document.title = TEXT.received + " · " + document.title;
    panel.focus();
  }

  function sendRequest(form, button) {
    var label = button.textContent;
    button.disabled = true;
    button.textContent = TEXT.sending;
    var done = function () { button.disabled = false; button.textContent = label; };
    postJson(form.action, formBody(form), { "Idempotency-Key": form.dataset.key }).then(function (answer) {
      done();
      if (answer.status === 201 || answer.status === 200) return showConfirmation(form, answer.data);
      if (answer.status === 400 && answer.data.errors) return showErrors(form, answer.data.errors);
      showErrors(form, { description: answer.status === 413 ? TEXT.tooLarge : TEXT.unreachable });
    }, function () {
      done();
      showErrors(form, { description: TEXT.unreachable });
    });
  }

  function enhanceRequestForm() {
    var form = document.getElementById("pra-request-form");
    if (!form || !window.fetch) return;
    form.dataset.key = newKey();
    form.noValidate = true; // our summary replaces the browser's bubbles
    var submitted = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitted = true;
      if (!showErrors(form, checkRequest(form))) {
        sendRequest(form, form.querySelector("button[type=submit]"));
      }
    });
    // After a first try, a field's message goes as soon as the field is right. Nothing is
    // added or rebuilt while the person types or clicks: moving content under a pointer
    // mid-click makes the click miss.
    var settle = function (event) {
      if (!submitted || !event.target.name) return;
      var errors = checkRequest(form);
      ["email", "mailing_address", event.target.name].forEach(function (name) {
        if (!errors[name]) clearFieldError(form, name);
      });
    };
    form.addEventListener("input", settle);
    form.addEventListener("change", settle);
    requireContactForDelivery(form);
    suggestWhileTyping(form);
  }

  // An email address is needed for delivery by email, a postal one for mail.
  function requireContactForDelivery(form) {
    var update = function () {
      var delivery = form.elements.delivery.value;
      form.elements.email.required = delivery === "email";
      form.elements.mailing_address.required = delivery === "mail";
    };
    form.addEventListener("change", update);
    update();
  }

  /* ---------- suggestions: released records and site pages that may already answer ---------- */

  var STOP = /^(the|and|for|from|with|that|this|about|all|any|copies|copy|records?|documents?|los|las|del|para|con|que|una|todos|registros?|documentos?|copias?)$/i;

  function words(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) || []).filter(function (w) {
      return !STOP.test(w);
    });
  }

  function loadSources(form) {
    var base = siteBase();
    var records = fetch(form.action.replace(/\/api\/requests$/, "/api/records/manifest.json"))
      .then(function (r) { return r.ok ? r.json() : { records: [] }; })
      .then(function (m) {
        /* The newest year is in the manifest; the five before it are a page each. */
        var older = (m.years || []).slice(1, 6).map(function (year) {
          return fetch(year.url).then(function (r) { return r.ok ? r.json() : { records: [] }; },
            function () { return { records: [] }; });
        });
        return Promise.all(older).then(function (pages) {
          return pages.reduce(function (all, page) { return all.concat(page.records || []); },
            m.records || []);
        });
      })
      .then(function (all) {
        return all.map(function (r) {
          var file = (r.files || [])[0];
          return { title: r.title, text: (r.title || "") + " " + (r.description || ""),
            url: file ? file.url : pageUrl("records/") };
        });
      }, function () { return []; });
    var pages = fetch(new URL("search/search_index.json", base))
      .then(function (r) { return r.ok ? r.json() : { docs: [] }; })
      .then(function (index) {
        return (index.docs || []).filter(function (d) {
          var here = new URL(d.location, base).pathname === location.pathname;
          return d.location.indexOf("#") < 0 && inLanguage(d.location) && !here;
        })
          .map(function (d) {
            return { title: d.title, text: d.title + " " + d.text, url: new URL(d.location, base).href };
          });
      }, function () { return []; });
    return Promise.all([records, pages]).then(function (both) { return both[0].concat(both[1]); });
  }

  function bestMatches(sources, query) {
    var wanted = words(query);
    if (!wanted.length) return [];
    return sources.map(function (source) {
      var have = words(source.text);
      var score = wanted.filter(function (w) { return have.indexOf(w) >= 0; }).length;
      return { source: source, score: score };
    }).filter(function (m) { return m.score >= Math.min(2, wanted.length); })
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, 3).map(function (m) { return m.source; });
  }

  function suggestWhileTyping(form) {
    var description = form.elements.description;
    var region = el("div", { id: "pra-suggestions", "class": "pra-suggestions", "aria-live": "polite" });
    description.parentNode.appendChild(region);
    var sources = null, timer = null;
    var render = function () {
      var text = description.value;
      var children = [];
      if (PATRON_WORDS.test(text)) {
        var guide = pageUrl("guide/") + "#your-own-records";
        children.push(el("p", { "class": "pra-note" }, [TEXT.patron + " ", el("a", { href: guide }, [TEXT.guide])]));
      }
      var matches = bestMatches(sources || [], text);
      if (matches.length) {
        children.push(el("p", {}, [TEXT.suggestions]));
        children.push(el("ul", {}, matches.map(function (m) {
          return el("li", {}, [el("a", { href: m.url }, [m.title])]);
        })));
      }
      region.replaceChildren.apply(region, children);
    };
    description.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (sources) return render();
        loadSources(form).then(function (loaded) { sources = loaded; render(); });
      }, 400);
    });
  }

  /* ---------- status page ---------- */

  // The acknowledgement email links to status/#PRA-2026-00042:CODE. Fill the form from it,
  // then drop the code from the address bar so it does not linger in history; true if filled.
  function fillStatusFromLink(form) {
    var match = STATUS_LINK.exec(decodeHash(location.hash));
    if (!match) return false;
    form.elements.tracking_number.value = match[1].toUpperCase();
    form.elements.code.value = match[2].toUpperCase();
    history.replaceState(history.state, "", location.pathname + location.search);
    return true;
  }

  function decodeHash(hash) {
    try {
      return decodeURIComponent(hash || "");
    } catch (error) {
      return "";
    }
  }

  /* A reply sent with this request's number and code, as a plain form: the API answers it
     with a page, as it does without this script. */
  function replyForm(kind, field, rows, found, code) {
    var action = document.getElementById("pra-status-form").action.replace(/\/api\/status$/, "/api/" + kind);
    var hidden = function (name, value) { return el("input", { type: "hidden", name: name, value: value }); };
    return el("form", { id: "pra-" + kind + "-form", "class": "pra-form", method: "post", action: action }, [
      hidden("language", lang), hidden("tracking_number", found.tracking_number), hidden("code", code),
      el("div", { "class": "pra-field" }, [
        el("label", { "class": "pra-label", "for": "pra-" + field }, [TEXT[field + "Label"]]),
        el("p", { "class": "pra-hint", id: "pra-" + field + "-hint" }, [TEXT[field + "Hint"]]),
        el("textarea", { "class": "pra-textarea", id: "pra-" + field, name: field, rows: String(rows),
          maxlength: "10000", "aria-describedby": "pra-" + field + "-hint" }, [])
      ]),
      el("button", { "class": "pra-button", type: "submit" }, [TEXT[kind + "Submit"]])
    ]);
  }

  /* Withdrawing is folded away, so no one does it by accident. */
  function withdrawalForm(found, code) {
    return el("details", { id: "pra-withdrawal" }, [
      el("summary", {}, [TEXT.withdrawalTitle]),
      el("p", {}, [TEXT.withdrawalIntro]),
      replyForm("withdrawal", "reason", 3, found, code)
    ]);
  }

  function clarificationForm(found, code) {
    return [el("h3", {}, [TEXT.clarificationTitle]), replyForm("clarification", "answer", 6, found, code)];
  }

  function statusPanel(found, code) {
    var rows = [
      [TEXT.status, found.status_label, "pra-status"],
      [TEXT.asked, found.description, "pra-asked"],
      [TEXT.receivedOn, longDate(found.received_date)],
      [TEXT.legalDue, longDate(found.initial_response_due)]
    ];
    if (found.extended_due) rows.push([TEXT.extendedDue, longDate(found.extended_due), "pra-extended-due"]);
    var release = found.release;
    if (release && !release.delivered_on) {
      rows.push([TEXT.recordsAvailable, longDate(release.due_on) + ", " + clockTime(release.due_at), "pra-records-available"]);
    }
    var list = el("dl", {}, []);
    rows.forEach(function (row) {
      list.appendChild(el("dt", {}, [row[0]]));
      list.appendChild(el("dd", row[2] ? { id: row[2] } : {}, [row[1]]));
    });
    var letters = found.letters.length
      ? el("ul", { "class": "pra-letters", id: "pra-letters" }, found.letters.map(letterItem))
      : el("p", {}, [TEXT.noLetters]);
    var parts = [el("h2", {}, [TEXT.statusTitle + " " + found.tracking_number]), list];
    if (found.files && found.files.length) parts.push.apply(parts, recordsList(found));
    if (found.awaiting_answer) parts.push.apply(parts, clarificationForm(found, code));
    if (found.may_withdraw) parts.push(withdrawalForm(found, code));
    if (found.may_appeal) {
      parts.push(el("p", {}, [el("a", { id: "pra-appeal-link",
        href: pageUrl("appeal/") + "#" + found.tracking_number + ":" + code }, [TEXT.appealLink])]));
    }
    if (found.appeal) parts.push(el("h3", {}, [TEXT.appeal]), appealList(found.appeal));
    return parts.concat([el("h3", {}, [TEXT.letters]), letters]);
  }

  function recordsList(found) {
    var items = found.files.map(function (file) {
      return el("li", {}, [el("a", { href: file.url, download: "" }, [file.title]),
        " (" + file.name + ", " + sizeLabel(file.size) + ")"]);
    });
    var parts = [el("h3", { id: "pra-your-records" }, [TEXT.yourRecords]),
      el("ul", { id: "pra-files" }, items)];
    if (found.files.length > 1) {
      parts.push(el("p", {}, [el("a", { href: found.download_all, download: "", id: "pra-download-all" },
        [TEXT.downloadAll])]));
    }
    return parts;
  }

  function sizeLabel(size) {
    return size >= 104858 ? (size / 1048576).toFixed(1) + " MB" : Math.ceil(size / 1024) + " KB";
  }

  function letterItem(letter) {
    return el("li", {}, [el("details", {}, [
      el("summary", {}, [letter.subject + " · " + longDate(letter.sent_on)]),
      el("div", { "class": "pra-letter-text" }, [letter.text])
    ])]);
  }

  function appealList(appeal) {
    var received = longDate(appeal.received_on) +
      (appeal.late ? " (" + TEXT.appealLate + " " + longDate(appeal.window_closed) + ")" : "");
    return el("dl", { id: "pra-appeal" }, [
      el("dt", {}, [TEXT.appealReceived]), el("dd", {}, [received]),
      el("dt", {}, [TEXT.appealDecisionDue]), el("dd", {}, [longDate(appeal.decision_due)])
    ]);
  }

  function enhanceStatusForm() {
    var form = document.getElementById("pra-status-form");
    if (!form) return;
    var fromLink = fillStatusFromLink(form);
    if (!window.fetch) return;
    var result = el("div", { id: "pra-status-result", "class": "pra-status-result", tabindex: "-1" });
    form.parentNode.insertBefore(result, form.nextSibling);
    form.addEventListener("submit", function (event) {
      if (!form.checkValidity()) return; // let the browser point at the empty field
      event.preventDefault();
      var number = form.elements.tracking_number.value.trim().toUpperCase();
      var url = form.action.replace(/\/api\/status$/, "/api/requests/" + encodeURIComponent(number) + "/status");
      postJson(url, { code: form.elements.code.value.trim(), language: lang }).then(function (answer) {
        result.replaceChildren.apply(result, answer.status === 200
          ? statusPanel(answer.data, form.elements.code.value.trim()) : [el("p", { "class": "pra-error-message" }, [TEXT.notFound])]);
        result.focus();
      }, function () {
        result.replaceChildren(el("p", { "class": "pra-error-message" }, [TEXT.unreachable]));
        result.focus();
      });
    });
    // From the email's link: the status at once, without a click (the form stays, filled).
    if (fromLink && form.requestSubmit) form.requestSubmit();
  }

  /* ---------- released records page ---------- */

  function enhanceRecords() {
    var box = document.getElementById("pra-records");
    if (!box || !window.fetch) return;
    var list = document.getElementById("pra-records-list");
    var empty = document.getElementById("pra-records-empty");
    var search = document.getElementById("pra-records-search");
    var finder = document.getElementById("pra-records-finder");
    if (finder) finder.hidden = false;  /* searching needs this script; the plain list does not */
    fetch(box.getAttribute("data-manifest")).then(function (r) { return r.json(); }).then(function (m) {
      var records = m.records || [];
      /* The manifest holds the newest year; older years are a page each, loaded when chosen. */
      if (finder && m.years && m.years.length > 1) finder.insertBefore(yearChooser(m.years, function (url) {
        fetch(url).then(function (r) { return r.json(); }).then(function (page) {
          records = page.records || [];
          show();
        });
      }), finder.firstChild);
      var kind = kindChooser(function () { show(); });
      if (finder) finder.appendChild(kind.field);
      var show = function () {
        var query = search ? words(search.value) : [];
        var shown = records.filter(function (r) {
          var have = words((r.title || "") + " " + (r.description || "") + " " + (r.request || ""));
          var kinds = (r.files || []).map(function (f) { return fileKind(f.type || ""); });
          return query.every(function (w) { return have.indexOf(w) >= 0; }) &&
            (!kind.select.value || kinds.indexOf(kind.select.value) >= 0);
        });
        list.replaceChildren.apply(list, shown.map(recordItem));
        if (empty) {
          empty.hidden = shown.length > 0;
          empty.textContent = records.length ? TEXT.noMatch : TEXT.noRecords;
        }
      };
      if (search) search.addEventListener("input", show);
      show();
    }, function () { /* the plain link to the manifest stays */ });
  }

  function kindChooser(change) {
    var select = el("select", { id: "pra-records-type", "class": "pra-input" },
      Object.keys(TEXT.recordsKinds).map(function (k) { return el("option", { value: k }, [TEXT.recordsKinds[k]]); }));
    select.addEventListener("change", change);
    var field = el("div", { "class": "pra-field" }, [
      el("label", { "class": "pra-label", "for": "pra-records-type" }, [TEXT.recordsType]), select
    ]);
    return { select: select, field: field };
  }

  function fileKind(type) {
    if (type === "application/pdf") return "pdf";
    if (type.indexOf("image/") === 0) return "image";
    if (type.indexOf("spreadsheet") >= 0 || type === "text/csv" || type === "application/vnd.ms-excel") return "spreadsheet";
    if (type.indexOf("word") >= 0 || type.indexOf("opendocument.text") >= 0 || type === "text/plain") return "document";
    return "other";
  }

  function yearChooser(years, load) {
    var select = el("select", { id: "pra-records-year", "class": "pra-input" }, years.map(function (y) {
      return el("option", { value: y.url }, [String(y.year)]);
    }));
    select.addEventListener("change", function () { load(select.value); });
    return el("div", { "class": "pra-field" }, [
      el("label", { "class": "pra-label", "for": "pra-records-year" }, [TEXT.recordsYear]), select
    ]);
  }

  function recordItem(record) {
    var files = (record.files || []).map(function (f) {
      return el("li", {}, [el("a", { href: f.url }, [f.name]), f.size ? " (" + sizeLabel(f.size) + ")" : ""]
        .filter(Boolean));
    });
    return el("li", {}, [
      el("strong", {}, [record.title]),
      record.released_on ? " · " + TEXT.released + " " + longDate(record.released_on) : "",
      record.description ? el("p", {}, [record.description]) : "",
      files.length ? el("ul", {}, files) : ""
    ].filter(Boolean));
  }

  /* ---------- the public request log: pages of /api/log.json, newest first ---------- */

  function enhanceLog() {
    var box = document.getElementById("pra-log");
    if (!box) return;
    var list = document.getElementById("pra-log-list");
    var more = document.getElementById("pra-log-more");
    var next = box.getAttribute("data-source");
    var load = function () {
      more.disabled = true;
      fetch(next).then(function (r) { return r.json(); }).then(function (page) {
        var items = (page.entries || []).map(logItem);
        items.forEach(function (item) { list.appendChild(item); });
        document.getElementById("pra-log-plain").hidden = true;
        document.getElementById("pra-log-none").hidden = list.children.length > 0;
        next = page.next;
        more.hidden = !next;
        more.disabled = false;
        // After "Older requests", keyboard users continue at the first request loaded.
        if (items.length && list.children.length > items.length) items[0].querySelector("a").focus();
      }, function () { more.disabled = false; /* the plain link stays */ });
    };
    more.addEventListener("click", load);
    load();
  }

  function logItem(entry) {
    var facts = [];
    (entry.rows || []).forEach(function (row) {
      facts.push(el("dt", {}, [row[0]]));
      facts.push(el("dd", {}, [row[1]]));
    });
    return el("li", {}, [
      el("h2", {}, [el("a", { href: entry.url }, [entry.tracking_number])]),
      el("p", { "class": "pra-log-summary" }, [entry.summary_text]),
      el("dl", { "class": "pra-log-facts" }, facts),
      entry.records_url ? el("p", {}, [el("a", { href: entry.records_url }, [TEXT.logRecords])]) : ""
    ].filter(Boolean));
  }

  enhanceRequestForm();
  enhanceStatusForm();
  enhanceRecords();
  enhanceLog();
  var appealForm = document.getElementById("pra-appeal-form");
  if (appealForm) fillStatusFromLink(appealForm);
})();
