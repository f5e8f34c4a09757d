import { ValidationError } from '@glint/domain-errors';
import { textProblems } from '@glint/safe-text';

export const CHAT_MESSAGE_MAX_CHARACTERS = 500;

// Control characters would let a message break a client's rendering or a log line.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** The text a chat message is stored with: trimmed, 1–500 characters, no control characters. */
export function chatMessageText(raw: string): string {
  const text = raw.trim();
  const length = [...text].length;
  if (length === 0) throw new ValidationError('chat_message_empty', 'A chat message needs some text.', 'text');
  if (length > CHAT_MESSAGE_MAX_CHARACTERS) {
    throw new ValidationError('chat_message_too_long', `A chat message has at most ${CHAT_MESSAGE_MAX_CHARACTERS} characters; this one has ${length}.`, 'text');
  }
  if (CONTROL_CHARACTER.test(text)) throw new ValidationError('chat_message_control_character', 'A chat message cannot contain control characters such as line breaks or tabs.', 'text');
  // Frames over the socket do not pass the HTTP text checks, so the message applies them itself.
  const [broken] = textProblems(text);
  if (broken) throw new ValidationError('invalid_text', `The message ${broken.problem}.`, 'text');
  return text;
}

const WITH_SCHEME = /\b[a-z][a-z0-9+.-]*:\/\/\S/i;
const WWW_HOST = /\bwww\.[a-z0-9-]+\./i;
// A bare host such as "glint.tv/abc" counts; "e.g." or "v1.2" do not, since their last label is no top-level domain.
const BARE_HOST = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|tv|gg|io|co|me|ly|be|xyz|info|app|dev|link|live|stream|ru|de|uk|fr|us|ca)(?=$|[/:?#\s])/i;

/** Whether a message holds something a chat client would turn into a link. */
export function containsLink(text: string): boolean {
  return WITH_SCHEME.test(text) || WWW_HOST.test(text) || BARE_HOST.test(text);
}
