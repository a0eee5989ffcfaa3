package app.fitsocial.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.ratelimit.AccountLoginThrottle;
import app.fitsocial.platform.security.AccessTokenIssuer;
import app.fitsocial.platform.security.SecuritySettings;

/**
 * Registration, login (throttled per account as well as per address) and the refresh-token lifecycle. Refresh tokens rotate on every use; a
 * token presented after it was replaced means it leaked, so its whole family is revoked.
 */
@Service
class AuthService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokenIssuer accessTokens;
    private final SecuritySettings settings;
    private final Clock clock;
    private final AccountLoginThrottle loginThrottle;
    /** Compared against when the email is unknown, so that both failures take as long. */
    private final String decoyHash;

    AuthService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder,
            AccessTokenIssuer accessTokens, SecuritySettings settings, Clock clock, AccountLoginThrottle loginThrottle) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.settings = settings;
        this.clock = clock;
        this.loginThrottle = loginThrottle;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    record Session(User user, String accessToken, String refreshToken, long expiresIn) {
    }

    @Transactional
    Session register(String email, String password, String displayName) {
        String normalized = normalize(email);
        if (users.existsByEmail(normalized)) {
            throw new AuthExceptions.EmailAlreadyRegistered();
        }
        User user;
        try {
            user = users.save(new User(normalized, passwordEncoder.encode(password), displayName.strip(), Role.USER,
                    clock.instant()));
            users.flush();
        }
        catch (DataIntegrityViolationException ex) {
            throw new AuthExceptions.EmailAlreadyRegistered();
        }
        return startSession(user, UUID.randomUUID());
    }

    /**
     * Checks the credentials, throttled per account. Not one transaction: the password check
     * (bcrypt, tens of milliseconds by design) holds no database connection.
     */
    Session login(String email, String password, String clientAddress) {
        String account = normalize(email);
        AccountLoginThrottle.Attempt attempt = loginThrottle.begin(account, clientAddress);
        User user = users.findByEmail(account).orElse(null);
        if (user == null) {
            passwordEncoder.matches(password, decoyHash);
            throw new AuthExceptions.InvalidCredentials();
        }
        if (!passwordEncoder.matches(password, user.passwordHash())) {
            throw new AuthExceptions.InvalidCredentials();
        }
        attempt.succeeded();
        return startSession(user, UUID.randomUUID());
    }

    @Transactional(noRollbackFor = AuthExceptions.InvalidRefreshToken.class)
    Session refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshToken presented = refreshTokens.findForUpdate(hash(refreshToken))
                .orElseThrow(AuthExceptions.InvalidRefreshToken::new);
        if (presented.isRevoked() || presented.isExpired(now)) {
            throw new AuthExceptions.InvalidRefreshToken();
        }
        if (presented.wasReplaced()) {
            refreshTokens.revokeFamily(presented.familyId(), now);
            throw new AuthExceptions.InvalidRefreshToken();
        }
        presented.markReplaced(now);
        User user = users.findById(presented.userId()).orElseThrow(AuthExceptions.InvalidRefreshToken::new);
        return startSession(user, presented.familyId());
    }

    @Transactional
    void logout(String refreshToken) {
        refreshTokens.findByTokenHash(hash(refreshToken))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), clock.instant()));
    }

    private Session startSession(User user, UUID familyId) {
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        refreshTokens.save(new RefreshToken(user.id(), familyId, hash(refreshToken), now,
                now.plus(settings.refreshTokenTtl())));
        AccessTokenIssuer.AccessToken access = accessTokens.issue(user.id(), List.of(user.role().name()));
        return new Session(user, access.value(), refreshToken, access.expiresInSeconds());
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
