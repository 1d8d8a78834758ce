// Picks the codes cognito-local "delivers" (a box on its own output) out of its lines: locally there is no e-mail.
export interface DeliveredCode {
  /** The e-mail address the code was for. */
  destination: string;
  code: string;
}

// cognito-local's console sender draws a box: a "Confirmation Code Delivery" title, then "Destination:" and "Code:"
// rows, each between │ borders (colour codes around it). Only those two fields are kept: the box holds nothing else
// a person needs, and the rest of its output (request bodies at debug level) is never printed.
// eslint-disable-next-line no-control-regex -- ESC is exactly what a terminal colour code starts with.
const ESCAPES = /\u001b\[[0-9;]*m/g;
const FIELD = /│\s*(Destination|Code):\s+(\S+)\s*│/;

/** Returns a line handler that calls `onCode` once per delivered code; feed it every line of cognito-local's output. */
export function confirmationCodeReader(onCode: (delivered: DeliveredCode) => void): (line: string) => void {
  let open: Partial<DeliveredCode> | undefined;
  return (raw) => {
    const line = raw.replace(ESCAPES, '');
    if (line.includes('Confirmation Code Delivery')) open = {};
    if (!open) return;
    const [, name, value] = FIELD.exec(line) ?? [];
    if (name === 'Destination' && value) open.destination = value;
    if (name === 'Code' && value) open.code = value;
    if (line.includes('╰')) {
      if (open.destination && open.code) onCode({ destination: open.destination, code: open.code });
      open = undefined;
    }
  };
}
