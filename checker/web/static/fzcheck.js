// fzcheck pages: drag-and-drop, sending the form, progress, downloads. Plain script, no build step.
// Result fragments come from the server already escaped; anything else is shown with textContent.
"use strict";

function byQuery(root, selector) { return root.querySelector(selector); }

function showError(page, message) {
  var status = byQuery(page, ".status");
  status.textContent = message;
  status.className = "status error";
}

function showStatus(page, message) {
  var status = byQuery(page, ".status");
  status.textContent = message;
  status.className = "status";
}

async function errorOf(response) {
  try {
    var body = await response.json();
    if (body && body.error) { return body.error; }
  } catch (e) { /* not JSON */ }
  return "请求失败（HTTP " + response.status + "），请重试";
}

function chosenNames(form) {
  var input = byQuery(form, "input[type=file]");
  return Array.prototype.map.call(input.files, function (f) { return f.name; });
}

function setUpDrop(form) {
  var zone = byQuery(form, ".drop");
  var input = byQuery(form, "input[type=file]");
  var chosen = byQuery(form, ".chosen");
  function update() {
    var names = chosenNames(form);
    chosen.textContent = names.length ? "已选择：" + names.join("、") : "";
  }
  input.addEventListener("change", update);
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      update();
    }
  });
}

function filenameOf(response, fallback) {
  var header = response.headers.get("Content-Disposition") || "";
  var match = /filename\*=UTF-8''([^;]+)/i.exec(header);
  return match ? decodeURIComponent(match[1]) : fallback;
}

async function download(page, button, lastForm) {
  var data = new FormData();
  lastForm.forEach(function (value, key) { data.append(key, value); });
  if (button.dataset.format) { data.set("format", button.dataset.format); }
  button.disabled = true;
  showStatus(page, "正在生成下载文件……");
  try {
    var response = await fetch(button.dataset.download, { method: "POST", body: data, credentials: "same-origin" });
    if (!response.ok) { showError(page, await errorOf(response)); return; }
    var blob = await response.blob();
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filenameOf(response, button.dataset.name || "fzcheck-下载");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    showStatus(page, "已下载 " + link.download);
  } catch (e) {
    showError(page, "下载失败：无法连接检查服务，请确认服务仍在运行");
  } finally {
    button.disabled = false;
  }
}

async function readLines(response, onLine) {
  var reader = response.body.getReader();
  var decoder = new TextDecoder("utf-8");
  var buffer = "";
  for (;;) {
    var chunk = await reader.read();
    if (chunk.done) { break; }
    buffer += decoder.decode(chunk.value, { stream: true });
    var lines = buffer.split("\n");
    buffer = lines.pop();
    lines.forEach(function (line) { if (line.trim()) { onLine(JSON.parse(line)); } });
  }
  if (buffer.trim()) { onLine(JSON.parse(buffer)); }
}

function setUpPage(form) {
  var page = form.closest("main");
  var result = byQuery(page, ".result");
  var downloads = byQuery(page, ".downloads");
  var progress = byQuery(page, ".progress");
  var lastForm = null;
  setUpDrop(form);

  downloads.querySelectorAll("button").forEach(function (button) {
    button.addEventListener("click", function () { if (lastForm) { download(page, button, lastForm); } });
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var names = chosenNames(form);
    var text = data.get("text");
    if (!names.length && !(text && text.trim())) {
      showError(page, form.dataset.mode === "batch" ? "请先选择报告文件或 .zip 压缩包" : "请先选择报告文件，或粘贴报告正文");
      return;
    }
    if (names.length) { data.delete("text"); } else { data.delete("files"); }
    var submit = byQuery(form, "button[type=submit]");
    submit.disabled = true;
    result.textContent = "";
    downloads.hidden = true;
    showStatus(page, names.length ? "正在上传并检查 " + names.join("、") + " ……" : "正在检查粘贴的正文……");
    try {
      var response = await fetch(form.dataset.endpoint, { method: "POST", body: data, credentials: "same-origin" });
      if (!response.ok) { showError(page, await errorOf(response)); return; }
      if (form.dataset.mode === "batch") {
        progress.hidden = false;
        var failed = false;
        await readLines(response, function (line) {
          if (line.total !== undefined) {
            byQuery(progress, "progress").max = Math.max(line.total, 1);
            byQuery(progress, "progress").value = line.done;
            byQuery(progress, ".progress-text").textContent = "已检查 " + line.done + " / " + line.total + " 份";
          } else if (line.error) {
            failed = true;
            showError(page, line.error);
          } else if (line.html !== undefined) {
            result.innerHTML = line.html;
          }
        });
        if (failed) { return; }
      } else {
        result.innerHTML = await response.text();
      }
      lastForm = data;
      var isDocx = names.length === 1 && /\.docx$/i.test(names[0]);
      downloads.querySelectorAll("[data-docx-only]").forEach(function (b) { b.hidden = !isDocx; });
      downloads.hidden = false;
      showStatus(page, "检查完成。");
    } catch (e) {
      showError(page, "无法连接检查服务，请确认服务仍在运行后重试");
    } finally {
      submit.disabled = false;
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-endpoint]").forEach(setUpPage);
});
