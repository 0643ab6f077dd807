import { render } from 'preact';
import { App } from './App';

const root = document.getElementById('app');
if (root) {
  // popup.html holds a static frame that painted before this script ran; the app takes its place in one step.
  root.replaceChildren();
  render(<App />, root);
}
