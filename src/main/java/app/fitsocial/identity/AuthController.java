package app.fitsocial.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.web.ClientAddresses;
import app.fitsocial.platform.web.validation.MaxUtf8Bytes;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;
    private final ClientAddresses clients;

    AuthController(AuthService auth, ClientAddresses clients) {
        this.auth = auth;
        this.clients = clients;
    }

    record RegisterRequest(
            @NotBlank @Email @CodePointLength(max = 320) String email,
            @NotBlank @CodePointLength(min = 10, max = 72, message = "must be between 10 and 72 characters")
            @MaxUtf8Bytes(72) String password,
            @NotBlank @CodePointLength(max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName) {
    }

    record LoginRequest(@NotBlank @CodePointLength(max = 320) String email,
            @NotBlank @CodePointLength(max = 72) @MaxUtf8Bytes(72) String password) {
    }

    record RefreshRequest(@NotBlank @CodePointLength(max = 200) String refreshToken) {
    }

    record SessionResponse(UserProfileResponse user, String accessToken, String refreshToken, long expiresIn) {

        static SessionResponse from(AuthService.Session session) {
            return new SessionResponse(UserProfileResponse.from(session.user()), session.accessToken(),
                    session.refreshToken(), session.expiresIn());
        }
    }

    @Operation(operationId = "register")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    SessionResponse register(@Valid @RequestBody RegisterRequest request) {
        return SessionResponse.from(auth.register(request.email(), request.password(), request.displayName()));
    }

    @Operation(operationId = "login")
    @PostMapping("/login")
    SessionResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return SessionResponse.from(auth.login(request.email(), request.password(), clients.of(http)));
    }

    @Operation(operationId = "refresh")
    @PostMapping("/refresh")
    SessionResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return SessionResponse.from(auth.refresh(request.refreshToken()));
    }

    @Operation(operationId = "logout")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        auth.logout(request.refreshToken());
    }
}
