package app.fitsocial.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.security.CurrentUser;

/**
 * A trivial authenticated JSON endpoint through the whole stack (rate limits, security, ETags,
 * field selection, JSON) and nothing else: the ceiling the benchmark compares the real endpoints
 * with ("hello" mode). Only there with {@code fitsocial.web.hello-endpoint=true}, and not part of
 * the API's document.
 *
 * <p>Why it ships in the production artifact: its figure is the cost of the production pipeline
 * itself, so it must run in the very jar the benchmark measures, behind the same filters,
 * security and Spring MVC set-up; a copy built elsewhere would measure something else. Off, it
 * maps no route (a request to its path is a 404 like any unknown path).
 */
@Hidden
@RestController
@ConditionalOnBooleanProperty("fitsocial.web.hello-endpoint")
class HelloController {

    record Hello(long userId, String message) {
    }

    @GetMapping("/api/v1/hello")
    Hello hello(CurrentUser me) {
        return new Hello(me.id(), "hello");
    }
}
