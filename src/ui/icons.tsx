/** Small stroke icons (24-unit grid, currentColor), decorative: the control around them carries the name. */
import type { JSX } from 'preact';

type IconProps = { size?: number; class?: string };

function Svg({ size = 16, class: className, children }: IconProps & { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg class={className ? `icon ${className}` : 'icon'} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
      stroke-width={2} stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function StarIcon({ filled, ...props }: IconProps & { filled?: boolean }): JSX.Element {
  return (
    <Svg {...props}>
      <path fill={filled ? 'currentColor' : 'none'} d="M12 3.2l2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 17l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8z" />
    </Svg>
  );
}

export function ReadIcon({ filled, ...props }: IconProps & { filled?: boolean }): JSX.Element {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" fill={filled ? 'currentColor' : 'none'} />
      <path d="M8 12.3l2.7 2.7L16 9.7" stroke={filled ? 'var(--on-accent, #fff)' : 'currentColor'} />
    </Svg>
  );
}

export function SearchIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-3.5-3.5" />
    </Svg>
  );
}

export function GearIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
    </Svg>
  );
}

export function DownloadIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <path d="M12 4v11M7 10.5l5 5 5-5M5 20h14" />
    </Svg>
  );
}

export function UploadIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <path d="M12 16V5M7 9.5l5-5 5 5M5 20h14" />
    </Svg>
  );
}

export function CopyIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V6a2 2 0 0 1 2-2h8" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <path d="M6 6l12 12M18 6L6 18" />
    </Svg>
  );
}

export function AlertIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.5v.01" />
    </Svg>
  );
}

export function LinkIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </Svg>
  );
}

export function CopiesIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <rect x="4" y="4" width="11" height="11" rx="2" />
      <rect x="9" y="9" width="11" height="11" rx="2" />
    </Svg>
  );
}

/** The Paper Lens mark: a page under a lens. */
export function LogoMark({ size = 22 }: { size?: number }): JSX.Element {
  return (
    <svg class="logo-mark" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2.5" y="2.5" width="19" height="19" rx="5.5" fill="var(--accent)" />
      <path d="M7.5 7.5h6M7.5 10.5h4" stroke="var(--on-accent)" stroke-width="1.6" stroke-linecap="round" />
      <circle cx="13" cy="14" r="3.4" fill="none" stroke="var(--on-accent)" stroke-width="1.8" />
      <path d="M15.5 16.5l2.5 2.5" stroke="var(--on-accent)" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

export function TagIcon(props: IconProps): JSX.Element {
  return (
    <Svg {...props}>
      <path d="M3.5 3.5h7.8l9.2 9.2-7.8 7.8-9.2-9.2z" />
      <circle cx="8" cy="8" r="1.2" fill="currentColor" />
    </Svg>
  );
}
