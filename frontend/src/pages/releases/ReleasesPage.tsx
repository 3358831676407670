export default function ReleasesPage() {
  return (
    <section>
      <h1>ReleasesPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
