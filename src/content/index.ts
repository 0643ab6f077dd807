/**
 * Content script entry: runs on huggingface.co/papers* (see manifest.json). Claims the page (replacing marks
 * left by an older instance after an extension reload) and starts Paper Lens.
 */
import { Controller } from './controller';
import { newToken } from './instance';

function start(): void {
  const controller = new Controller(newToken());
  void controller.scan();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
