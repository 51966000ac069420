/* Read-aloud (issue 5): progressive enhancement for content pages.

   Only when the browser can speak (window.speechSynthesis) does a "Read this page aloud" button
   appear, in the placeholder [data-read-aloud] that the public layout puts at the top of <main>;
   the button is moved to just after the page's heading. It never speaks by itself, it reads the
   text of <main> in the page's language, and it stops on a second press, on Escape and on
   leaving the page. It is a plain button with a clear label (no live region), so screen-reader
   users, who have their own voice, can simply pass it by. Texts come from data-* attributes the
   template translated. */
(function () {
  "use strict";

  var placeholder = document.querySelector("[data-read-aloud]");
  if (!placeholder || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var synth = window.speechSynthesis;
  var main = document.querySelector("main");
  if (!main) {
    return;
  }

  var labels = {
    start: placeholder.getAttribute("data-label-start") || "Read this page aloud",
    stop: placeholder.getAttribute("data-label-stop") || "Stop reading",
    hint: placeholder.getAttribute("data-hint") || ""
  };

  function speechLanguage() {
    var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    if (lang === "zh-hans" || lang.indexOf("zh") === 0) {
      return "zh-CN";
    }
    return lang || "en";
  }

  function pickVoice(lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var prefix = lang.split("-")[0].toLowerCase();
    var exact = null;
    var close = null;
    for (var i = 0; i < voices.length; i += 1) {
      var voiceLang = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (voiceLang === lang.toLowerCase() && !exact) {
        exact = voices[i];
      } else if (voiceLang.split("-")[0] === prefix && !close) {
        close = voices[i];
      }
    }
    return exact || close;
  }

  // The words of <main>, without the read-aloud control itself and anything hidden.
  function pageText() {
    var copy = main.cloneNode(true);
    var skip = copy.querySelectorAll("[data-read-aloud], [hidden], [aria-hidden='true'], script, style, form");
    for (var i = 0; i < skip.length; i += 1) {
      skip[i].parentNode.removeChild(skip[i]);
    }
    return (copy.innerText || copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  // Long texts are cut into sentences: some engines stop after about 15 seconds of one utterance.
  function chunks(text) {
    var parts = text.match(/[^。！？.!?]+[。！？.!?]*/g) || [text];
    var out = [];
    var current = "";
    for (var i = 0; i < parts.length; i += 1) {
      if ((current + parts[i]).length > 200 && current) {
        out.push(current);
        current = "";
      }
      current += parts[i];
    }
    if (current.trim()) {
      out.push(current);
    }
    return out;
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "read-aloud-button";
  button.setAttribute("aria-pressed", "false");
  button.textContent = labels.start;
  var reading = false;

  function setReading(on) {
    reading = on;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? labels.stop : labels.start;
  }

  function stop() {
    if (synth.speaking || synth.pending) {
      synth.cancel();
    }
    setReading(false);
  }

  function start() {
    var lang = speechLanguage();
    var voice = pickVoice(lang);
    var parts = chunks(pageText());
    if (!parts.length) {
      return;
    }
    synth.cancel();
    setReading(true);
    parts.forEach(function (part, index) {
      var utterance = new window.SpeechSynthesisUtterance(part);
      utterance.lang = lang;
      if (voice) {
        utterance.voice = voice;
      }
      if (index === parts.length - 1) {
        utterance.onend = function () { setReading(false); };
      }
      utterance.onerror = function () { setReading(false); };
      synth.speak(utterance);
    });
  }

  button.addEventListener("click", function () {
    if (reading) {
      stop();
    } else {
      start();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (reading && (event.key === "Escape" || event.key === "Esc")) {
      stop();
    }
  });
  window.addEventListener("pagehide", stop);

  placeholder.appendChild(button);
  if (labels.hint) {
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.id = "read-aloud-hint";
    hint.textContent = labels.hint;
    button.setAttribute("aria-describedby", hint.id);
    placeholder.appendChild(hint);
  }
  // After the page heading, so the heading is what a screen reader meets first.
  var heading = main.querySelector("h1");
  if (heading && heading.parentNode) {
    heading.parentNode.insertBefore(placeholder, heading.nextSibling);
  }
  placeholder.hidden = false;
  synth.cancel();
}());
