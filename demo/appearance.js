// Appearance presets for the demo's switch: each is a Stripe-style `appearance` for <so-provider>.

/** The presets, by name; `default` leaves the kit's own look. */
export const PRESETS = {
  default: undefined,
  clinic: { variables: { colorPrimary: '#00695c', colorFocus: '#00897b', borderRadius: '12px' } },
  insurer: {
    variables: { colorPrimary: '#1f3a68', borderRadius: '0', fontFamily: 'Georgia, "Times New Roman", serif' },
    rules: { '::part(button)': { fontWeight: '600' } },
  },
  large: { variables: { fontSizeBase: '1.25rem', spacingUnit: '0.625rem' } },
};
