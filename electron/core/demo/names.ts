/*
 * Names for synthetic people: common French first names by sex (INSEE birth-name statistics give
 * the flavour, not the exact ranks) and surnames frequent in France, including accented ones and
 * names of the many origins an IAE caseload reflects. Lists run roughly from most to least common;
 * `Rng.pickSkewed` favours the start. Any resemblance to a real person is a coincidence of numbers.
 */

export const MALE_FIRST_NAMES: readonly string[] = [
  'Jean', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Pierre', 'David', 'Éric', 'Laurent',
  'Frédéric', 'Stéphane', 'Sébastien', 'Julien', 'Thomas', 'Patrick', 'Olivier', 'Daniel', 'Christian', 'Pascal',
  'Mohamed', 'Kévin', 'Anthony', 'Jérôme', 'François', 'Maxime', 'Alexandre', 'Romain', 'Thierry', 'Bruno',
  'Dominique', 'Jean-Pierre', 'Jean-Claude', 'Jean-Luc', 'Didier', 'Gérard', 'Franck', 'Cédric', 'Mickaël', 'Guillaume',
  'Florian', 'Jordan', 'Dylan', 'Lucas', 'Hugo', 'Théo', 'Quentin', 'Loïc', 'Yannick', 'Gaël',
  'Ahmed', 'Karim', 'Mehdi', 'Rachid', 'Samir', 'Youssef', 'Bilal', 'Hamza', 'Nabil', 'Sofiane',
  'Mamadou', 'Moussa', 'Ibrahima', 'Abdoulaye', 'Ousmane', 'Sékou', 'Boubacar', 'Amadou', 'Cheikh', 'Souleymane',
  'José', 'Manuel', 'António', 'João', 'Carlos', 'Miguel', 'Luis', 'Francisco', 'Paulo', 'Ricardo',
  'Mehmet', 'Mustafa', 'Emre', 'Burak', 'Ali', 'Hakan', 'Dragan', 'Marius', 'Ionuț', 'Andrei',
  'Tuan', 'Minh', 'Kevin', 'Noé', 'Raphaël', 'Anis', 'Rayan', 'Nathan', 'Enzo', 'Mathéo',
  'Joël', 'Hervé', 'Régis', 'Benoît', 'Aurélien', 'Jérémy', 'Grégory', 'Ludovic', 'Rémi', 'Valentin',
];

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Christine', 'Sandrine', 'Valérie', 'Céline', 'Stéphanie',
  'Véronique', 'Sophie', 'Laurence', 'Aurélie', 'Julie', 'Émilie', 'Caroline', 'Virginie', 'Martine', 'Nicole',
  'Fatima', 'Mélanie', 'Audrey', 'Patricia', 'Françoise', 'Brigitte', 'Hélène', 'Karine', 'Séverine', 'Corinne',
  'Marie-Thérèse', 'Anne-Sophie', 'Marie-Claude', 'Jessica', 'Laetitia', 'Élodie', 'Amandine', 'Vanessa', 'Jennifer', 'Sabrina',
  'Chloé', 'Léa', 'Manon', 'Camille', 'Inès', 'Sarah', 'Laura', 'Océane', 'Mélissa', 'Morgane',
  'Aïcha', 'Khadija', 'Nadia', 'Samira', 'Leïla', 'Yasmina', 'Malika', 'Naïma', 'Souad', 'Zohra',
  'Aminata', 'Fatoumata', 'Mariam', 'Awa', 'Kadiatou', 'Aïssatou', 'Binta', 'Ramatoulaye', 'Hawa', 'Oumou',
  'Maria', 'Ana', 'Rosa', 'Fernanda', 'Conceição', 'Isabel', 'Carmen', 'Lucía', 'Teresa', 'Graça',
  'Ayşe', 'Elif', 'Zeynep', 'Fatma', 'Emine', 'Ioana', 'Elena', 'Magdalena', 'Agnieszka', 'Olga',
  'Thi Lan', 'Linh', 'Mai', 'Noémie', 'Anaïs', 'Maëlle', 'Gaëlle', 'Zoé', 'Louna', 'Jade',
  'Ginette', 'Josiane', 'Danièle', 'Mireille', 'Chantal', 'Bernadette', 'Monique', 'Odile', 'Solène', 'Maëva',
];

export const SURNAMES: readonly string[] = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Müller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe',
  'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte',
  'Lopez', 'Jean', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin',
  'Louis', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet',
  'Adam', 'Paris', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault', 'Charpentier',
  'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez', 'Le Gall', 'Collet',
  'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Daniel', 'Le Roux', 'Cousin', 'Germain',
  'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré',
  'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez',
  'Guichard', 'Gillet', 'Étienne', 'Grondin', 'Poulain', 'Tessier', 'Chevallier', 'Collin', 'Chauvin', 'Da Silva',
  'Bouchet', 'Gay', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine', 'Hoarau', 'Perret',
  'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte',
  'Dos Santos', 'Ferreira', 'Pereira', 'Rodrigues', 'Gonçalves', 'Fernandes', 'Oliveira', 'Teixeira', 'Carvalho', 'Almeida',
  "D'Almeida", 'De Sousa', 'Gomes', 'Lopes', 'Martins', 'Ribeiro', 'Sousa', 'Monteiro', 'Moreira', 'Cardoso',
  'Benali', 'Benmoussa', 'Bouzid', 'Haddad', 'Belkacem', 'Mansouri', 'Cherif', 'Amrani', 'El Idrissi', 'Boukhari',
  'Khelifi', 'Hamidi', 'Saïdi', 'Ben Salah', 'Messaoudi', 'Aït Ahmed', 'Ouali', 'Zerrouki', 'Belhadj', 'Brahimi',
  'Diallo', 'Traoré', 'Koné', 'Camara', 'Diop', "N'Diaye", 'Sow', 'Sylla', 'Cissé', 'Touré',
  'Keïta', 'Bamba', 'Coulibaly', 'Fofana', 'Konaté', 'Diarra', 'Sissoko', 'Kanté', 'Ba', 'Sangaré',
  'Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vo', 'Dang', 'Bui', 'Truong', 'Ngo',
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç',
  'Kowalski', 'Nowak', 'Wiśniewski', 'Lewandowski', 'Popescu', 'Ionescu', 'Petrović', 'Horváth', 'Rossi', 'Russo',
  'Esposito', 'Romano', 'Colombo', 'Ricci', 'González', 'Hernández', 'Jiménez', 'Ruiz', 'Moreno', 'Álvarez',
  'Ahamada', 'Saïd', 'Mohamed', 'Abdallah', 'Youssouf', 'Madi', 'Chaïb', 'Hakimi', 'Ouédraogo', 'Zongo',
];

/** For the référents (staff): the same pools, kept separate so the caller's intent reads clearly. */
export const STAFF_FIRST_NAMES: readonly string[] = [
  'Claire', 'Sophie', 'Nadia', 'Julien', 'Karim', 'Élise', 'Marion', 'Thomas', 'Céline', 'Mathieu',
  'Aurélie', 'Fabrice', 'Hélène', 'Samia', 'Vincent', 'Agnès', 'Lucie', 'Rachid', 'Pauline', 'Benoît',
];
