package app.fitsocial.messaging;

import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

final class MessagingExceptions {

    private MessagingExceptions() {
    }

    static final class MessageToSelf extends ProblemException {
        MessageToSelf() {
            super(HttpStatus.BAD_REQUEST, "message-self", "Cannot message yourself", "Choose another recipient");
        }
    }
}
