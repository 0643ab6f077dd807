/**
 * popup-boot.js, run by popup.html right after its static frame: asks for the first rows at once and loads the app
 * (popup.js) once the frame has painted, so neither waits for the other (first-page.ts).
 */
import { startFirstPage } from './first-page';

startFirstPage();

let loaded = false;
function loadApp(): void {
  if (loaded) return;
  loaded = true;
  const script = document.createElement('script');
  script.src = 'popup.js';
  document.body.append(script);
}
// A timer set in an animation frame runs after that frame is painted. A popup that is not drawn (a hidden page)
// gets no frames: the second timer loads the app anyway.
requestAnimationFrame(() => setTimeout(loadApp, 0));
setTimeout(loadApp, 100);
