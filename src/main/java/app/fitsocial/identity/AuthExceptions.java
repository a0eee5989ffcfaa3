package app.fitsocial.identity;

import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/** The problems the auth endpoints answer with. */
final class AuthExceptions {

    private AuthExceptions() {
    }

    static final class EmailAlreadyRegistered extends ProblemException {
        EmailAlreadyRegistered() {
            super(HttpStatus.CONFLICT, "email-taken", "Email already registered",
                    "An account with this email already exists");
        }
    }

    static final class InvalidCredentials extends ProblemException {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                    "The email or password is wrong");
        }
    }

    static final class InvalidRefreshToken extends ProblemException {
        InvalidRefreshToken() {
            super(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
                    "The refresh token is unknown, expired, revoked or already used; log in again");
        }
    }
}
