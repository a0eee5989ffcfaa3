package app.fitsocial.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A bare Spring Boot MVC app with the service's hello answer: the benchmark's ceiling. */
@SpringBootApplication
@RestController
public class BareApplication {

    record Hello(long userId, String message) {
    }

    @GetMapping("/api/v1/hello")
    Hello hello() {
        return new Hello(1, "hello");
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }
}
