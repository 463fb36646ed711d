// The words elements show around the core's own texts (statuses and field issues live in core).

/** Every user-facing string the elements own. Each catalogue defines every key. */
export interface Messages {
  /** Read before a status by screen readers, with its punctuation ("Status:" / "Statut :"). */
  statusPrefix: string;
  /** Shown while a case's status loads. */
  statusLoading: string;
  /** Shown when the status could not be loaded. */
  statusLoadError: string;
  /** The button that loads the status again. */
  retry: string;
}

/** A partial override of a catalogue, set on an element's `.i18n` property. */
export type MessagesOverride = Partial<Messages>;
