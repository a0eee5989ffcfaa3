package app.fitsocial.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.fitsocial.client.api.ClassesApi;
import app.fitsocial.client.api.IdentityApi;
import app.fitsocial.client.api.MessagingApi;
import app.fitsocial.client.api.ReviewsApi;
import app.fitsocial.client.api.SocialApi;
import app.fitsocial.client.model.ActivityResponse;
import app.fitsocial.client.model.BookingResponse;
import app.fitsocial.client.model.ClassResponse;
import app.fitsocial.client.model.CursorPageClassResponse;
import app.fitsocial.client.model.CursorPageReviewResponse;
import app.fitsocial.client.model.LoginRequest;
import app.fitsocial.client.model.MessageResponse;
import app.fitsocial.client.model.NewActivityRequest;
import app.fitsocial.client.model.NewClassRequest;
import app.fitsocial.client.model.RegisterRequest;
import app.fitsocial.client.model.ReviewChanges;
import app.fitsocial.client.model.ReviewResponse;
import app.fitsocial.client.model.SendRequest;
import app.fitsocial.client.model.SessionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's story, told through the client generated from the served OpenAPI document and
 * nothing else: the service at {@code fitsocial.baseUrl}, started the way the README says (demo
 * data included).
 */
class ReadmeStoryTest {

    private static final String BASE_URL = System.getProperty("fitsocial.baseUrl", "http://localhost:8080");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(BASE_URL);
        return client;
    }

    private static ApiClient as(SessionResponse session) {
        return anonymous().setRequestInterceptor(request -> request.header("Authorization", "Bearer " + session.getAccessToken()));
    }

    private static Optional<String> header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    @Test
    void theReadmeStory() throws Exception {
        IdentityApi identity = new IdentityApi(anonymous());

        // register: a new member and a friend
        ApiResponse<SessionResponse> registered = identity.registerWithHttpInfo(new RegisterRequest()
                .email("story-" + run + "@client.fitsocial.app").password("a long enough password").displayName("Story " + run), null);
        assertThat(registered.getStatusCode()).isEqualTo(201);
        SessionResponse member = registered.getData();
        SessionResponse friend = identity.register(new RegisterRequest().email("friend-" + run + "@client.fitsocial.app")
                .password("another long password").displayName("Friend " + run), null);

        // the provider logs in and publishes a class
        SessionResponse coach = identity.login(new LoginRequest().email("coach@fitsocial.app").password("fitsocial-demo"), null);
        ApiResponse<ClassResponse> published = new ClassesApi(as(coach)).createClassWithHttpInfo(new NewClassRequest()
                .title("Client story " + run).type(NewClassRequest.TypeEnum.YOGA)
                .datetime(OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0))
                .durationMinutes(60).capacity(10).city("Berlin"), UUID.randomUUID().toString());
        assertThat(published.getStatusCode()).isEqualTo(201);
        ClassResponse fitnessClass = published.getData();
        assertThat(header(published, "Location")).hasValue(BASE_URL + "/api/v1/classes/" + fitnessClass.getId());
        assertThat(fitnessClass.getRatingAverage()).as("nullable: no rating yet").isNull();

        // the member books it
        ApiResponse<BookingResponse> booked = new ClassesApi(as(member)).bookClassWithHttpInfo(fitnessClass.getId(), null);
        assertThat(booked.getStatusCode()).isEqualTo(201);
        assertThat(booked.getData().getFitnessClass().getId()).isEqualTo(fitnessClass.getId());

        // the friend posts, the member follows the friend and reads the feed
        ActivityResponse post = new SocialApi(as(friend)).postActivity(new NewActivityRequest()
                .type(NewActivityRequest.TypeEnum.WORKOUT).text("Story run " + run).durationMinutes(30), null);
        SocialApi memberSocial = new SocialApi(as(member));
        assertThat(memberSocial.followWithHttpInfo(friend.getUser().getId(), null).getStatusCode()).isEqualTo(204);
        List<ActivityResponse> feed = memberSocial.getFeed(null, null, null, null, null, null, null).getItems();
        assertThat(feed).extracting(ActivityResponse::getId).contains(post.getId());

        // the member sends a message, the friend reads the conversation
        MessageResponse sent = new MessagingApi(as(member)).sendMessage(new SendRequest().recipientId(friend.getUser().getId())
                .body("See you at " + fitnessClass.getTitle()), null);
        assertThat(new MessagingApi(as(friend)).listMessages(sent.getConversationId(), null, null, null, null, null, null, null).getItems())
                .extracting(MessageResponse::getBody).contains("See you at " + fitnessClass.getTitle());

        // review: the demo member revises the review of yesterday's class, guarded by its ETag
        SessionResponse demo = identity.login(new LoginRequest().email("demo@fitsocial.app").password("fitsocial-demo"), null);
        ReviewsApi demoReviews = new ReviewsApi(as(demo));
        long attended = new ClassesApi(anonymous()).listClasses(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2), null,
                null, null, "Berlin", null, null, null, null, null, null, null).getItems().get(0).getId();
        CursorPageReviewResponse reviews = demoReviews.listReviews(attended, null, null, null, null, null, null, null, null);
        ReviewResponse own = reviews.getItems().stream().filter(r -> r.getAuthor().getId().equals(demo.getUser().getId()))
                .findFirst().orElseThrow();
        ApiResponse<ReviewResponse> current = demoReviews.getReviewWithHttpInfo(own.getId(), null, null, null, null, null);
        String reviewTag = header(current, "ETag").orElseThrow();
        ReviewResponse revised = demoReviews.updateReview(own.getId(), new ReviewChanges().rating(5).text("Even better the "
                + "second time (" + run + ")"), reviewTag, null, null);
        assertThat(revised.getRating()).isEqualTo(5);
        ApiException lostUpdate = catchThrowableOfType(ApiException.class, () -> demoReviews.updateReview(own.getId(),
                new ReviewChanges().rating(1).text("stale"), reviewTag, null, null));
        assertThat(lostUpdate.getCode()).as("the old ETag no longer matches").isEqualTo(412);

        // page a list by its Link header
        ApiClient client = anonymous();
        ApiResponse<CursorPageClassResponse> first = new ClassesApi(client).listClassesWithHttpInfo(null, null, null, null,
                "Berlin", null, 2, null, null, null, null, null);
        String link = header(first, "Link").orElseThrow();
        Matcher next = NEXT.matcher(link);
        assertThat(next.find()).as(link).isTrue();
        HttpResponse<String> followed = client.getHttpClient().send(HttpRequest.newBuilder(URI.create(next.group(1)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        CursorPageClassResponse second = client.getObjectMapper().readValue(followed.body(), CursorPageClassResponse.class);
        assertThat(second.getItems()).hasSize(2);
        assertThat(second.getItems()).extracting(ClassResponse::getId)
                .doesNotContainAnyElementsOf(first.getData().getItems().stream().map(ClassResponse::getId).toList());

        // revalidate with If-None-Match: 304, nothing sent again
        ClassesApi classes = new ClassesApi(anonymous());
        ApiResponse<ClassResponse> read = classes.getFitnessClassWithHttpInfo(fitnessClass.getId(), null, null, null, null, null);
        String etag = header(read, "ETag").orElseThrow();
        ApiException notModified = catchThrowableOfType(ApiException.class,
                () -> classes.getFitnessClassWithHttpInfo(fitnessClass.getId(), null, etag, null, null, null));
        assertThat(notModified.getCode()).isEqualTo(304);
        assertThat(notModified.getResponseHeaders().firstValue("ETag")).hasValue(etag);

        // hit a rate limit (5 auth requests a minute per address) and read Retry-After
        ApiException limited = null;
        for (int attempt = 0; attempt < 10 && limited == null; attempt++) {
            ApiException refused = catchThrowableOfType(ApiException.class, () -> identity.login(new LoginRequest()
                    .email("nobody-" + run + "@client.fitsocial.app").password("wrong password"), null));
            if (refused.getCode() == 429) {
                limited = refused;
            }
            else {
                assertThat(refused.getCode()).isEqualTo(401);
            }
        }
        assertThat(limited).as("a 429 within 10 logins").isNotNull();
        long retryAfter = Long.parseLong(limited.getResponseHeaders().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        Map<?, ?> problem = client.getObjectMapper().readValue(limited.getResponseBody(), Map.class);
        assertThat(problem.get("type")).isEqualTo("https://fitsocial.app/problems/rate-limited");
        assertThat(limited.getResponseHeaders().firstValue("RateLimit")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("\"auth\";r=0;t="));
    }
}
