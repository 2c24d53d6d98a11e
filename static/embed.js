// SlotScope's host-side helper for documentation pages (docs/EMBEDDING.md). It resizes every
// <iframe data-slotscope> to the height its app reports, and re-dispatches the app's messages
// on the iframe as DOM events ("slotscope:resize", "slotscope:step") for the page's own prose.
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type.indexOf('slotscope:') !== 0) return;
    var frames = document.querySelectorAll('iframe[data-slotscope]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) continue;
      var height = Number(data.height);
      if (data.type === 'slotscope:resize' && height > 0 && height < 100000) {
        frame.style.height = Math.ceil(height) + 'px';
      }
      frame.dispatchEvent(new CustomEvent(data.type, { detail: data }));
    }
  });
})();
