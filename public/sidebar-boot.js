// The sidebar asks for its strings only once its main scripts have run. Preloading the
// likely language here lets the browser fetch it beside them (chunk names: wxt.config.ts).
(() => {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = /^ja\b/i.test(navigator.language) ? '/chunks/strings-ja.js' : '/chunks/strings-en.js';
  document.head.append(link);
})();
