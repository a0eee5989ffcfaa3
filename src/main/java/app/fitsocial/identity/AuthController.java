package app.fitsocial.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(min = 10, max = 72, message = "must be between 10 and 72 characters") String password,
            @NotBlank @Size(max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName) {
    }

    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 72) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record SessionResponse(UserProfileResponse user, String accessToken, String refreshToken, long expiresIn) {

        static SessionResponse from(AuthService.Session session) {
            return new SessionResponse(UserProfileResponse.from(session.user()), session.accessToken(),
                    session.refreshToken(), session.expiresIn());
        }
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    SessionResponse register(@Valid @RequestBody RegisterRequest request) {
        return SessionResponse.from(auth.register(request.email(), request.password(), request.displayName()));
    }

    @PostMapping("/login")
    SessionResponse login(@Valid @RequestBody LoginRequest request) {
        return SessionResponse.from(auth.login(request.email(), request.password()));
    }

    @PostMapping("/refresh")
    SessionResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return SessionResponse.from(auth.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        auth.logout(request.refreshToken());
    }
}
