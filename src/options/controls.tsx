/** Form rows for the options page: an on/off switch, a labelled slider, a small choice of numbers. */
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

export function SwitchRow({ label, description, checked, onChange, name }: {
  label: string;
  description: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name: string;
}): JSX.Element {
  const id = useId();
  return (
    <div class="setting">
      <div class="setting-text">
        <label for={id} class="setting-label">{label}</label>
        <p class="setting-description" id={`${id}-description`}>{description}</p>
      </div>
      <input id={id} name={name} type="checkbox" role="switch" class="switch" checked={checked} aria-describedby={`${id}-description`}
        onChange={(event) => onChange((event.target as HTMLInputElement).checked)} />
    </div>
  );
}

export function SliderRow({ label, description, value, min, max, step, format, onChange, name }: {
  label: string;
  description: ComponentChildren;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
  name: string;
}): JSX.Element {
  const id = useId();
  const percent = ((value - min) / (max - min)) * 100;
  return (
    <div class="setting setting-slider">
      <div class="setting-text">
        <label for={id} class="setting-label">{label}</label>
        <p class="setting-description" id={`${id}-description`}>{description}</p>
      </div>
      <div class="slider">
        <input id={id} name={name} type="range" min={min} max={max} step={step} value={value} aria-valuetext={format(value)}
          aria-describedby={`${id}-description`} style={{ '--fill': `${percent}%` }}
          onInput={(event) => onChange(Number((event.target as HTMLInputElement).value))} />
        <output for={id} class="slider-value">{format(value)}</output>
      </div>
    </div>
  );
}

export function ChoiceRow({ label, description, value, choices, onChange, name }: {
  label: string;
  description: ComponentChildren;
  value: number;
  choices: number[];
  onChange: (value: number) => void;
  name: string;
}): JSX.Element {
  const id = useId();
  return (
    <div class="setting">
      <div class="setting-text">
        <span class="setting-label" id={`${id}-label`}>{label}</span>
        <p class="setting-description" id={`${id}-description`}>{description}</p>
      </div>
      <div class="choices" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={`${id}-description`}>
        {choices.map((choice) => (
          <label key={choice} class={choice === value ? 'checked' : ''}>
            <input type="radio" name={name} value={choice} checked={choice === value} onChange={() => onChange(choice)} />
            <span>{choice}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
