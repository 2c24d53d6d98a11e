// SlotScope's host-side helper for documentation pages (docs/EMBEDDING.md). It resizes every
// <iframe data-slotscope> to the height its app reports, and re-dispatches the app's messages
// on the iframe as DOM events ("slotscope:resize", "slotscope:step") for the page's own prose.
// It answers the app's "slotscope:ready" with "slotscope:host", which tells the app this page's
// origin: only then does the app include step labels (what the learner typed), to this origin.
(function () {
  'use strict';
  function origin(frame) { return new URL(frame.src, location.href).origin; }
  // The message carries nothing but its type: the browser adds this page's origin to it, so
  // it may go to whatever the frame holds now (an app that is ready asks again).
  function introduce(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'slotscope:host' }, '*');
  }
  var initial = document.querySelectorAll('iframe[data-slotscope]');
  for (var j = 0; j < initial.length; j++) introduce(initial[j]);
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type.indexOf('slotscope:') !== 0) return;
    var frames = document.querySelectorAll('iframe[data-slotscope]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (origin(frame) !== event.origin) continue;
      if (data.type === 'slotscope:ready') { introduce(frame); continue; }
      var height = Number(data.height);
      if (data.type === 'slotscope:resize' && height > 0 && height < 100000) {
        frame.style.height = Math.ceil(height) + 'px';
      }
      frame.dispatchEvent(new CustomEvent(data.type, { detail: data }));
    }
  });
})();
