package dev.verbatim.repl;

/** A command that cannot do what was asked: the message is printed after {@code error: } and the REPL goes on. */
final class ReplException extends Exception {
    ReplException(String message) {
        super(message);
    }
}
