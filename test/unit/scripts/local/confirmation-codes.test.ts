// confirmationCodeReader: the codes cognito-local prints in a box, picked out of its output line by line.
import { confirmationCodeReader, type DeliveredCode } from '../../../../scripts/local/confirmation-codes';

/** cognito-local 5.3's output for one SignUp, as captured (colour codes included). */
function deliveryBox(destination: string, code: string): string[] {
  return [
    '[1796171440994] \u001b[32mINFO\u001b[39m: \u001b[36m71d279dc SignUp ╭───────────────────────────────────────╮',
    '│                                                       │',
    '│   Confirmation Code Delivery                          │',
    '│                                                       │',
    '│   Username:    1bba4e3a-432e-4a81-ae85-e47804d7c1b5   │',
    `│   Destination: ${destination}                          │`,
    `│   Code:        ${code}                                 │`,
    '│                                                       │',
    '╰───────────────────────────────────────────────────────╯\u001b[39m \u001b[90m{"reqId":"71d279dc"}\u001b[39m',
  ];
}

function read(lines: string[]): DeliveredCode[] {
  const found: DeliveredCode[] = [];
  const reader = confirmationCodeReader((d) => found.push(d));
  for (const line of lines) reader(line);
  return found;
}

describe('confirmationCodeReader', () => {
  it('reports each delivered code with its destination, once per box', () => {
    // Act
    const found = read([
      '[1] INFO: NONE NONE Cognito Local running on http://127.0.0.1:39229',
      ...deliveryBox('a@example.com', '306377'),
      'some other line',
      ...deliveryBox('b@example.com', '000123'),
    ]);

    // Assess
    expect(found).toEqual([
      { destination: 'a@example.com', code: '306377' },
      { destination: 'b@example.com', code: '000123' },
    ]);
  });

  it('ignores rows outside a delivery box and a box that lacks a field', () => {
    // Prepare
    const withoutCode = deliveryBox('c@example.com', '111111').filter((l) => !l.includes('Code:        '));

    // Act
    const found = read(['│   Code:        999999   │', ...withoutCode, '│   Destination: d@example.com   │']);

    // Assess
    expect(found).toEqual([]);
  });
});
