// On AWS the desk's files go from the browser straight to S3, past Lambda's payload limit.
// S3 takes one file per post, so without this script the form carries one file and S3 sends
// the browser back to the desk. With it, the coordinator chooses several: each is posted in
// turn to a fresh presigned form, then taken at the desk (which keeps what it says as a
// banner), and the request page opens again when all are done.
(function () {
  "use strict";
  var form = document.getElementById("pra-upload");
  if (!form || !form.dataset.directForm || !window.fetch || !window.FormData) {
    return;
  }
  var input = form.querySelector('input[type="file"]');
  var label = form.querySelector('label[for="' + input.id + '"]');
  var title = form.querySelector('[name="x-amz-meta-title"]');
  var progress = document.getElementById("pra-upload-progress");
  var button = form.querySelector('button[type="submit"]');
  var maxBytes = Number(form.dataset.maxBytes);

  input.multiple = true;
  label.textContent = form.dataset.severalLabel;

  function say(text, isError) {
    progress.hidden = false;
    progress.className = isError ? "pra-error" : "pra-hint";
    progress.textContent = text;
    if (isError) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  async function freshForm() {
    var answer = await fetch(form.dataset.directForm, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!answer.ok) {
      throw new Error(form.dataset.noForm);
    }
    return answer.json();
  }

  async function send(file, made, fileTitle, visibility) {
    var body = new FormData();
    Object.keys(made.fields).forEach(function (name) {
      body.append(name, made.fields[name]);
    });
    body.append("x-amz-meta-title", fileTitle);
    body.append("x-amz-meta-visibility", visibility);
    body.append("file", file); // S3 reads the fields first: the file goes last
    var stored = await fetch(made.url, { method: "POST", body: body });
    if (stored.status !== 201) {
      throw new Error(file.name + ": " + form.dataset.failed);
    }
    var key = made.fields.key.replace("${filename}", file.name);
    // Taken or refused, the desk keeps what it says for the request page.
    await fetch(made.arrival + "?key=" + encodeURIComponent(key), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  }

  function openRequestAgain() {
    // The page the banners wait for; a change of fragment alone would not load it.
    var back = new URL(form.dataset.back, window.location.href);
    if (back.pathname === window.location.pathname && !window.location.search) {
      window.location.hash = back.hash;
      window.location.reload();
    } else {
      window.location.assign(back.href);
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    if (files.length === 0) {
      say(form.dataset.noneChosen, true);
      return;
    }
    var tooLarge = files.filter(function (file) {
      return file.size > maxBytes;
    });
    if (tooLarge.length > 0) {
      say(
        tooLarge
          .map(function (file) {
            return file.name;
          })
          .join(", ") + ": " + form.dataset.tooLarge,
        true,
      );
      return;
    }
    var visibility = form.querySelector('[name="x-amz-meta-visibility"]:checked').value;
    var fileTitle = files.length === 1 ? title.value : "";
    button.disabled = true;
    try {
      var made = await freshForm();
      for (var i = 0; i < files.length; i += 1) {
        say(form.dataset.uploading + " " + (i + 1) + " / " + files.length + ": " + files[i].name);
        await send(files[i], made, fileTitle, visibility);
      }
      openRequestAgain();
    } catch (problem) {
      button.disabled = false;
      say(problem.message, true);
    }
  });
})();
