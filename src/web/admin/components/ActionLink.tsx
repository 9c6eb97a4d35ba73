/** A button drawn as a link, for in-page actions without an address of their own (open a drawer, filter, drill into a figure). */
import { Button, type ButtonProps } from 'antd';
import type { KeyboardEvent } from 'react';
import './ActionLink.css';

export type ActionLinkProps = Omit<ButtonProps, 'type' | 'htmlType' | 'variant' | 'color' | 'size' | 'block'>;

/** Reads and sits like a link (no padding, no border, wraps like text) but is a real button: focusable, pressed with Enter or Space. */
export function ActionLink({ className, ...rest }: ActionLinkProps) {
  return <Button type="link" htmlType="button" autoInsertSpace={false} className={className ? `gh-action-link ${className}` : 'gh-action-link'} {...rest} />;
}

/**
 * For a whole card or figure that acts when clicked: the props that make it a button to the keyboard and
 * to assistive technology as well (role, focus, Enter and Space).
 */
export function pressable(onPress: () => void) {
  return {
    role: 'button' as const,
    tabIndex: 0,
    onClick: onPress,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      onPress();
    },
  };
}
