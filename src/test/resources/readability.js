// What a cook cannot read, computed in the page (injected by io.ticketrail.screen.Readability through the DevTools
// protocol, never as a <script> tag, which the pages' Content-Security-Policy refuses). Returns a list of
// readable descriptions, one per problem:
// - "clipped": a text's client rects reach outside an ancestor that clips (overflow hidden/clip/auto/scroll, the
//   window included): the cook sees part of it or none, and cannot scroll a kitchen screen with greasy hands.
//   Allowed only when the text's ticket shows a visible "continued"/"more" marker ([data-more]).
// - "broken word": the characters of one word sit on two lines ("Chlo" / "é").
// Text a screen hides on purpose (.sr-only, display:none, visibility:hidden) is not read.
() => {
  const SLACK = 1.5;
  const problems = [];

  const clips = (value) => value === 'hidden' || value === 'clip' || value === 'auto' || value === 'scroll';

  function describe(node) {
    if (!node || node === window) {
      return 'the window';
    }
    const id = node.id ? `#${node.id}` : '';
    const classes = typeof node.className === 'string' && node.className.trim()
      ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
    return `${node.tagName.toLowerCase()}${id}${classes}`;
  }

  function where(element) {
    const ticket = element.closest('[data-number]');
    return ticket ? `ticket #${ticket.dataset.number}` : describe(element);
  }

  function visibleMarker(element) {
    const ticket = element.closest('[data-number]');
    if (!ticket) {
      return false;
    }
    return [...ticket.querySelectorAll('[data-more]')].some((m) => {
      const r = m.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth
        && getComputedStyle(m).visibility !== 'hidden';
    });
  }

  function hiddenOnPurpose(element) {
    if (element.closest('.sr-only, [hidden], [aria-hidden="true"] .sr-only, script, style, template')) {
      return true;
    }
    // the content of a closed <details> is not shown until it is opened
    const details = element.closest('details:not([open])');
    if (details && !element.closest('summary')) {
      return true;
    }
    const style = getComputedStyle(element);
    return style.visibility === 'hidden' || style.display === 'none';
  }

  /** The part of an element that shows its content: inside its borders, less its scroll bars. */
  function clientBox(element) {
    const r = element.getBoundingClientRect();
    const left = r.left + element.clientLeft;
    const top = r.top + element.clientTop;
    return { left, top, right: left + element.clientWidth, bottom: top + element.clientHeight };
  }

  function outside(rect, box) {
    return rect.left < box.left - SLACK || rect.right > box.right + SLACK
      || rect.top < box.top - SLACK || rect.bottom > box.bottom + SLACK;
  }

  function rectsOf(node, start, end) {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
  }

  const windowBox = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!text.trim()) {
      continue;
    }
    const element = node.parentElement;
    if (!element || hiddenOnPurpose(element)) {
      continue;
    }
    const rects = rectsOf(node, 0, text.length);
    if (rects.length === 0) {
      continue;
    }
    const label = text.trim().replace(/\s+/g, ' ').slice(0, 60);

    let clipper = null;
    for (let ancestor = element; ancestor && ancestor !== document.documentElement; ancestor = ancestor.parentElement) {
      const style = getComputedStyle(ancestor);
      if (!clips(style.overflowX) && !clips(style.overflowY)) {
        continue;
      }
      const box = clientBox(ancestor);
      if (rects.some((r) => outside(r, box))) {
        clipper = ancestor;
        break;
      }
    }
    if (!clipper && rects.some((r) => outside(r, windowBox))) {
      clipper = window;
    }
    if (clipper && !visibleMarker(element)) {
      problems.push(`clipped: ${where(element)}: "${label}" by ${describe(clipper)}`);
    }

    // a word is a run of letters and digits; a break after a hyphen or a slash is a normal line break
    const words = /[^\s\-/–—·,]+/g;
    for (let match = words.exec(text); match; match = words.exec(text)) {
      if (match[0].length < 2) {
        continue;
      }
      const parts = rectsOf(node, match.index, match.index + match[0].length);
      const lines = new Set(parts.map((r) => Math.round(r.top)));
      if (lines.size > 1) {
        problems.push(`broken word: ${where(element)}: "${match[0]}" in "${label}"`);
      }
    }
  }
  return problems;
}
