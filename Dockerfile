# The API as an image, for docker-compose.yml. The build needs no database:
# query checks come from the committed .sqlx/ folder.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
ENV SQLX_OFFLINE=true
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN useradd --system --no-create-home registry
COPY --from=build /src/target/release/registry /usr/local/bin/registry
USER registry
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["registry"]
