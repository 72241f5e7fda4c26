-- PostGIS first: every geometry column below depends on it.
CREATE EXTENSION IF NOT EXISTS postgis;
